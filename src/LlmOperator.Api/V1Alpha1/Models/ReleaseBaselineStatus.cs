namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// The per-case results of the evaluations that released the stable revision, one key per gate of its
/// ConfigMap, against which scheduled runs are paired.
/// </summary>
public sealed class ReleaseBaselineStatus
{
    /// <summary>The revision they released.</summary>
    public string? Revision { get; set; }

    /// <summary>The ConfigMap that keeps them, owned by the ModelDeployment.</summary>
    public string? ConfigMap { get; set; }

    /// <summary>The gates it has results of.</summary>
    public List<string>? Gates { get; set; }

    /// <summary>The runs the results come from: those that released the revision, or the scheduled runs whose drift was accepted.</summary>
    public List<string>? Runs { get; set; }
}
