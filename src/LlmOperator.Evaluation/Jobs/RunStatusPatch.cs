using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>The merge patches an evaluation Job writes to its run's status subresource.</summary>
public static class RunStatusPatch
{
    /// <summary>The run has started.</summary>
    public static JsonObject Running(EvaluationRun run, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Wrap(new EvaluationRunStatus
        {
            Phase = EvaluationPhase.Running,
            ObservedGeneration = run.Metadata.Generation,
            StartedAt = run.Status?.StartedAt ?? now,
        });
    }

    /// <summary>The run reached a verdict (or an error), with where its per-case results are.</summary>
    public static JsonObject Finished(EvaluationRun run, EvaluationPhase phase, string verdict, EvaluationSummary? summary, ComparisonResult? comparison, ConfigMapKeyReference? results, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var reason = phase switch
        {
            EvaluationPhase.Passed => "EvaluationPassed",
            EvaluationPhase.Failed => "EvaluationFailed",
            EvaluationPhase.Inconclusive => "EvaluationInconclusive",
            _ => "EvaluationError",
        };
        return Wrap(new EvaluationRunStatus
        {
            Phase = phase,
            Verdict = verdict,
            Summary = summary,
            Comparison = comparison,
            ResultsRef = results,
            ObservedGeneration = run.Metadata.Generation,
            StartedAt = run.Status?.StartedAt ?? now,
            CompletedAt = now,
            Conditions =
            [
                new Condition
                {
                    Type = "Complete",
                    Status = ConditionStatus.True,
                    ObservedGeneration = run.Metadata.Generation,
                    LastTransitionTime = now,
                    Reason = reason,
                    Message = verdict,
                },
            ],
        });
    }

    // KubernetesJson leaves nulls out, so the patch sets only what this status names.
    private static JsonObject Wrap(EvaluationRunStatus status) => new() { ["status"] = JsonNode.Parse(KubernetesJson.Serialize(status)) };
}
