using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Re-evaluation of the stable revision on a schedule, so that drift of an unchanged model shows.</summary>
public sealed class ScheduledEvaluation
{
    /// <summary>When to evaluate, as a cron expression in UTC, for example "0 */6 * * *".</summary>
    [Required, MaxLength(128), RegularExpression(Patterns.Cron)]
    public string Schedule { get; set; } = "";

    /// <summary>Names of EvaluationGates in the same namespace to run.</summary>
    [Required, MinLength(1), MaxLength(16)]
    public List<string> Gates { get; set; } = [];

    /// <summary>
    /// What drift does: alert (phase Degraded, a warning event, the stable revision keeps serving) or fallback
    /// (spec.fallback is evaluated with the same gates and serves, when it passes, until a scheduled run no
    /// longer shows drift).
    /// </summary>
    [DefaultValue(DriftResponse.Alert)]
    public DriftResponse OnDrift { get; set; } = DriftResponse.Alert;
}
