using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>Where a kind lives in the API: its group, version, plural resource name and kind.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The API version within the group.</param>
/// <param name="Plural">The plural resource name used in paths.</param>
/// <param name="Kind">The kind, in CamelCase.</param>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind)
{
    // Reading the attribute constructs it through reflection; owner references and events ask for a kind per object.
    private static readonly ConcurrentDictionary<Type, ResourceKind> Kinds = new();

    /// <summary>The apiVersion field value: version alone for the core group, group/version otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The kind of a KubernetesClient model or custom resource type, read from its <see cref="KubernetesEntityAttribute"/>.</summary>
    public static ResourceKind Of<T>() => Of(typeof(T));

    /// <summary>The kind of a type carrying <see cref="KubernetesEntityAttribute"/>.</summary>
    public static ResourceKind Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Kinds.GetOrAdd(type, Read);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}.{ApiVersion}";

    private static ResourceKind Read(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [KubernetesEntity]: its group, version and plural are unknown.", nameof(type));
        return new ResourceKind(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind);
    }
}
