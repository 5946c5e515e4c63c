using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>The EvaluationsPassing condition of an object, read from the headline of its current evaluation.</summary>
internal static class EvaluationsPassing
{
    public static (ConditionStatus Status, string Reason, string Message) Of(EvaluationReference? evaluation)
    {
        var (status, reason) = evaluation?.Phase switch
        {
            null => (ConditionStatus.Unknown, "NoEvaluation"),
            EvaluationPhase.Passed => (ConditionStatus.True, "EvaluationPassed"),
            EvaluationPhase.Failed => (ConditionStatus.False, "EvaluationFailed"),
            EvaluationPhase.Inconclusive or EvaluationPhase.Error => (ConditionStatus.Unknown, "EvaluationInconclusive"),
            _ => (ConditionStatus.Unknown, "EvaluationRunning"),
        };
        return (status, reason, evaluation is null ? "No evaluation has run." : $"{evaluation.Name}: {evaluation.Verdict ?? evaluation.Phase.ToString()}");
    }
}
