using System.Reflection;
using k8s.Models;
using LlmOperator.Api.Markers;

namespace LlmOperator.Manifests.Crds;

/// <summary>The names and columns of a custom resource kind, read from its type's attributes.</summary>
internal sealed record CustomResourceDescriptor
{
    /// <summary>The C# type of the kind.</summary>
    public required Type ClrType { get; init; }

    /// <summary>The API group, for example llmoperator.io.</summary>
    public required string Group { get; init; }

    /// <summary>The version, for example v1alpha1.</summary>
    public required string Version { get; init; }

    /// <summary>The kind, for example ModelDeployment.</summary>
    public required string Kind { get; init; }

    /// <summary>The plural resource name, for example modeldeployments.</summary>
    public required string Plural { get; init; }

    /// <summary>The short names <c>kubectl get</c> accepts.</summary>
    public required IReadOnlyList<string> ShortNames { get; init; }

    /// <summary>The columns <c>kubectl get</c> prints.</summary>
    public required IReadOnlyList<PrinterColumnAttribute> PrinterColumns { get; init; }

    /// <summary>group/version.</summary>
    public string ApiVersion => $"{Group}/{Version}";

    /// <summary>The singular resource name: the kind in lower case.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>The CRD's name, plural.group.</summary>
    public string CrdName => $"{Plural}.{Group}";

    /// <summary>Reads the descriptor from a kind's attributes.</summary>
    public static CustomResourceDescriptor For(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{type.Name} lacks [KubernetesEntity].", nameof(type));
        return new CustomResourceDescriptor
        {
            ClrType = type,
            Group = entity.Group,
            Version = entity.ApiVersion,
            Kind = entity.Kind,
            Plural = entity.PluralName,
            ShortNames = type.GetCustomAttribute<ShortNamesAttribute>()?.Names ?? [],
            PrinterColumns = [.. type.GetCustomAttributes<PrinterColumnAttribute>()],
        };
    }
}
