using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The end of every plan: old revisions scaled to zero and kept within revisionHistoryLimit (older
/// ones and their runs deleted), and the conditions that say in one word each what the phase says in
/// a sentence.
/// </summary>
internal static class PlanFinisher
{
    public static RolloutPlan Finish(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var kept = KeptRevisions(plan);
        foreach (var revision in plan.Inputs.Revisions.Keys.Where(kept.Contains))
        {
            plan.Replicas.TryAdd(revision, 0);
        }

        foreach (var revision in plan.Replicas.Keys.Where(r => !kept.Contains(r)).ToList())
        {
            plan.Replicas.Remove(revision);
        }

        if (!plan.Inputs.Profile.RunsPods)
        {
            plan.Replicas.Clear();
        }

        var runsToDelete = plan.Inputs.Runs.Values
            .Where(r => ModelDeploymentNames.Label(r, WellKnownLabels.Revision) is { } revision && !kept.Contains(revision))
            .Select(r => r.Metadata.Name)
            .ToList();
        ReleaseBaselines.Plan(plan);
        status.Dependents = plan.Inputs.Dependents.Count == 0 ? null : [.. plan.Inputs.Dependents.Select(d => d.Pipeline.Metadata.Name)];
        SetConditions(plan);
        var built = plan.Build(runsToDelete);
        return built with { RolloutServices = RolloutServices.Needed(plan.Inputs, built) };
    }

    // The stable and canary revisions, and as many earlier ones as revisionHistoryLimit allows, newest first.
    private static HashSet<string> KeptRevisions(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var limit = plan.Spec.Rollout?.RevisionHistoryLimit ?? 3;
        var kept = new HashSet<string>(StringComparer.Ordinal) { plan.Inputs.Revision };
        foreach (var revision in new[] { status.StableRevision, status.CanaryRevision }.OfType<string>())
        {
            kept.Add(revision);
        }

        foreach (var revision in (status.History ?? []).Select(h => h.Revision).Where(r => !kept.Contains(r)).Distinct().Take(limit))
        {
            kept.Add(revision);
        }

        return kept;
    }

    private static void SetConditions(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var conditions = status.Conditions ??= [];
        var generation = status.ObservedGeneration;
        var now = plan.Now;
        var stableReady = !plan.Inputs.Profile.RunsPods
            || (plan.Inputs.Revisions.GetValueOrDefault(status.StableRevision ?? "")?.ReadyReplicas ?? 0) > 0
            || plan.Spec.Replicas == 0;
        Conditions.Set(conditions, ConditionTypes.Available, stableReady ? ConditionStatus.True : ConditionStatus.False,
            stableReady ? "StableAvailable" : "StableUnavailable",
            stableReady ? $"Revision {status.StableRevision} serves." : $"Revision {status.StableRevision} has no ready replica.", generation, now);

        var rolling = status.CanaryRevision is not null && status.Abort != true;
        Conditions.Set(conditions, ConditionTypes.Progressing, rolling ? ConditionStatus.True : ConditionStatus.False,
            rolling ? "RolloutInProgress" : status.Abort == true ? "RolloutAborted" : "NoRollout",
            rolling
                ? $"Rolling out revision {status.CanaryRevision}."
                : status.Abort == true ? $"The rollout of revision {status.CanaryRevision} is aborted." : "No rollout is in progress.",
            generation, now);

        Conditions.Set(conditions, ConditionTypes.Degraded, plan.Degraded is null ? ConditionStatus.False : ConditionStatus.True,
            plan.Degraded?.Reason ?? "NotDegraded", plan.Degraded?.Message ?? "Nothing is wrong.", generation, now);

        var pause = status.PauseConditions?.FirstOrDefault();
        Conditions.Set(conditions, ConditionTypes.Paused, pause is null ? ConditionStatus.False : ConditionStatus.True,
            pause?.Reason.ToString() ?? "NotPaused", pause is null ? "The rollout is not paused." : status.Message, generation, now);

        var (passing, reason, message) = EvaluationsPassing.Of(status.CurrentEvaluation);
        Conditions.Set(conditions, ConditionTypes.EvaluationsPassing, passing, reason, message, generation, now);
    }
}
