using k8s.Models;

namespace LlmOperator.Controllers.Common;

/// <summary>A pod's imagePullSecrets from Secret names; null (the field left out) when there are none.</summary>
internal static class PullSecrets
{
    public static List<V1LocalObjectReference>? Of(IReadOnlyList<string> names) =>
        names.Count == 0 ? null : [.. names.Select(n => new V1LocalObjectReference { Name = n })];
}
