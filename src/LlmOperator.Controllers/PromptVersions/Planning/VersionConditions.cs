using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// The conditions of a version, each a word for what the phase says in a sentence: Ready (it is the
/// active version, published), Degraded (someone must act: a failed gate, a duplicate, a template that
/// does not parse, a missing model or gate, a dataset that does not fit the prompt) and
/// EvaluationsPassing (its gates' verdict).
/// </summary>
internal static class VersionConditions
{
    public static void Set(VersionState version, DateTimeOffset now)
    {
        var status = version.Status;
        var conditions = status.Conditions ??= [];
        var generation = status.ObservedGeneration;
        var message = status.Message ?? "";
        Conditions.Set(conditions, ConditionTypes.Ready, status.Phase == PromptPhase.Active ? ConditionStatus.True : ConditionStatus.False,
            version.Reason, message, generation, now);
        Conditions.Set(conditions, ConditionTypes.Degraded, version.Problem is null ? ConditionStatus.False : ConditionStatus.True,
            version.Problem?.Reason ?? "NotDegraded", version.Problem?.Message ?? "Nothing is wrong.", generation, now);
        var (passing, reason, verdict) = status.Evaluation is null && version.Spec.Gates is null or { Count: 0 }
            ? (ConditionStatus.True, "NoGates", "The version names no gates: nothing judges it.")
            : EvaluationsPassing.Of(status.Evaluation);
        Conditions.Set(conditions, ConditionTypes.EvaluationsPassing, passing, reason, verdict, generation, now);
    }
}
