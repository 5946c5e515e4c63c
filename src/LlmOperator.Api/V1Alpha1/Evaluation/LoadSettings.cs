using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// Traffic for a cluster with none of its own (and for the sandbox): the gate's cases replayed, in turn,
/// against the ModelDeployment's main Service while its metrics are measured, so that each revision takes
/// its weight's share. The answers are not judged.
/// </summary>
public sealed class LoadSettings
{
    /// <summary>Requests started per second, whatever their answers take.</summary>
    [Required, Range(0.1, 1000.0)]
    public double Rate { get; set; }

    /// <summary>The most requests in flight; a request due while this many are unanswered is skipped.</summary>
    [Range(1, 1024), DefaultValue(32)]
    public int MaxInFlight { get; set; } = 32;
}
