using System.Reflection;
using k8s.Models;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Schemas;

/// <summary>The KubernetesClient model of each built-in kind, found by the group, version and kind it declares.</summary>
public static class BuiltInModels
{
    private static readonly Dictionary<(string Group, string Version, string Kind), ModelShape> ByKind =
        typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(t => t.Entity is not null)
            .GroupBy(t => (t.Entity!.Group ?? "", t.Entity.ApiVersion, t.Entity.Kind))
            .ToDictionary(g => g.Key, g => ModelShape.Of(g.First().Type));

    /// <summary>The model of a built-in type, or null for custom resources and kinds the client has no model for (Gateway API).</summary>
    public static ModelShape? Find(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsCustom ? null : Find(type.Group, type.Version, type.Kind);
    }

    /// <summary>The model of a kind (or list kind) of a built-in group-version, or null when the client has none.</summary>
    public static ModelShape? Find(string group, string version, string kind) => ByKind.GetValueOrDefault((group, version, kind));
}
