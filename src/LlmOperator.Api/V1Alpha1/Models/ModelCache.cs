using System.ComponentModel.DataAnnotations;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// Where the server keeps the weights it downloads, mounted at each engine's own cache folder. Without it, an
/// emptyDir of no set size: weights survive a restart of the container but not a new pod.
/// </summary>
[CelRule(
    "has(self.claimName) != has(self.sizeLimit)",
    "spec.modelCache takes exactly one of claimName (an existing PersistentVolumeClaim) or sizeLimit (an emptyDir of that size)")]
public sealed class ModelCache
{
    /// <summary>
    /// An existing PersistentVolumeClaim of the namespace, shared by every pod of every revision, so that canaries,
    /// replicas and restarts load the weights from it instead of downloading them again. Replicas on several
    /// nodes need a ReadWriteMany claim.
    /// </summary>
    [MaxLength(253), RegularExpression(Patterns.DnsSubdomain)]
    public string? ClaimName { get; set; }

    /// <summary>The size of an emptyDir per pod, for example 40Gi: the pod is evicted when its weights outgrow it.</summary>
    [MaxLength(64), RegularExpression(Patterns.Quantity)]
    public string? SizeLimit { get; set; }
}
