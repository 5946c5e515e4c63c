using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.ModelDeployments.Releases;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The release baseline of the stable revision: the per-case results of the runs that released it (per
/// gate, the newest that passed at a rollout step or as a first revision's evaluation), kept in the
/// ModelDeployment's release ConfigMap so that scheduled runs are paired with them and see drift that
/// stays above the thresholds. Until they are kept the plan asks to keep them; a revision released by no
/// passed run keeps none, and its scheduled runs are judged on their thresholds alone. When a team
/// accepts a drift (llmop promote --accept-drift), the newest scheduled run of each gate becomes the
/// release instead, and those runs no longer count as drift.
/// </summary>
internal static class ReleaseBaselines
{
    private static readonly string[] Releasing = ["rollout", "initial"];

    public static void Plan(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var kept = plan.Inputs.Release;
        if (status.StableRevision is not { } stable)
        {
            status.ReleaseBaseline = null;
            return;
        }

        if (status.AcceptDrift == true && Accepting(plan, stable, kept))
        {
            return;
        }

        if (kept?.Revision == stable)
        {
            status.ReleaseBaseline = new ReleaseBaselineStatus
            {
                Revision = stable,
                ConfigMap = ModelDeploymentNames.ReleaseConfigMap(plan.Name),
                Gates = [.. kept.Gates],
                Runs = [.. kept.Runs],
            };
            return;
        }

        status.ReleaseBaseline = null;
        var runs = NewestPerGate(plan, stable, r => Releasing.Contains(ModelDeploymentNames.Label(r, WellKnownLabels.Purpose))
            && r.Status?.Phase == EvaluationPhase.Passed);
        if (runs.Count > 0)
        {
            plan.RecordRelease = new ReleaseRecording(stable, runs);
        }
    }

    /// <summary>Whether <paramref name="run"/> is part of the release kept, and so judges nothing any more (an accepted drift).</summary>
    public static bool IsKept(RolloutPlanBuilder plan, EvaluationRun run) =>
        plan.Inputs.Release?.Runs.Contains(run.Metadata.Name, StringComparer.Ordinal) == true;

    // An accepted drift: the newest finished scheduled run of each gate is kept as the release. True while
    // that is asked for; once kept (or when no run has finished) the request is cleared.
    private static bool Accepting(RolloutPlanBuilder plan, string stable, KeptRelease? kept)
    {
        var runs = NewestPerGate(plan, stable, r => ModelDeploymentNames.Label(r, WellKnownLabels.Purpose) == "drift"
            && r.Status?.Phase is EvaluationPhase.Passed or EvaluationPhase.Failed or EvaluationPhase.Inconclusive);
        if (runs.Count == 0 || (kept?.Revision == stable && runs.Values.All(r => kept.Runs.Contains(r, StringComparer.Ordinal))))
        {
            plan.Status.AcceptDrift = null;
            return false;
        }

        plan.RecordRelease = new ReleaseRecording(stable, runs);
        return true;
    }

    // The newest run of each gate of the stable revision among those that keeps accepts, by gate.
    private static Dictionary<string, string> NewestPerGate(RolloutPlanBuilder plan, string stable, Func<EvaluationRun, bool> keeps) =>
        plan.Inputs.Runs.Values
            .Where(r => ModelDeploymentNames.Label(r, WellKnownLabels.Revision) == stable && keeps(r))
            .GroupBy(r => r.Spec.Gate.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Metadata.CreationTimestamp ?? DateTime.MinValue)!.Metadata.Name, StringComparer.Ordinal);

    /// <summary>Where a scheduled run of <paramref name="gate"/> finds the release to pair with, or null when it is judged on its thresholds alone.</summary>
    public static ReleaseBaselineReference? For(RolloutPlanBuilder plan, EvaluationGate gate)
    {
        var kept = plan.Inputs.Release;
        var compares = (gate.Spec.Comparison ?? new ComparisonPolicy()).Baseline != BaselinePolicy.None;
        return compares && kept is not null && kept.Revision == plan.Status.StableRevision && kept.Gates.Contains(gate.Metadata.Name, StringComparer.Ordinal)
            ? kept.Reference(plan.Name, gate.Metadata.Name)
            : null;
    }
}
