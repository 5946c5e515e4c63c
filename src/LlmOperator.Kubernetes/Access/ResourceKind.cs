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
    /// <summary>The apiVersion field value: version alone for the core group, group/version otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The kind of a KubernetesClient model or custom resource type, read from its <see cref="KubernetesEntityAttribute"/>.</summary>
    public static ResourceKind Of<T>() => Of(typeof(T));

    /// <summary>The kind of a type carrying <see cref="KubernetesEntityAttribute"/>.</summary>
    public static ResourceKind Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [KubernetesEntity]: its group, version and plural are unknown.", nameof(type));
        return new ResourceKind(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}.{ApiVersion}";
}
