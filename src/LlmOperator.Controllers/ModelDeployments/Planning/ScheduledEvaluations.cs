using Cronos;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// Re-evaluation of the stable revision on spec.evaluation.schedule, so that drift of an unchanged
/// model (a hosted model updated silently, say) shows as EvaluationsPassing=False, an event and a
/// Degraded phase. Each run is paired case by case with the release of the revision (see
/// <see cref="ReleaseBaselines"/>), so a significant regression against it is drift even while the
/// thresholds still pass. It never changes what serves.
/// </summary>
internal static class ScheduledEvaluations
{
    private const int MaxFlipped = 5;

    // The finished runs of each gate kept (newest first) beside the verdicts the status remembers.
    private const int KeptRuns = 3;

    /// <summary>Starts runs that are due and reports the latest ones; returns whether drift decided the phase.</summary>
    public static bool Plan(RolloutPlanBuilder plan)
    {
        if (plan.Spec.Evaluation is not { } evaluation || plan.Status.StableRevision is not { } stable)
        {
            return false;
        }

        CronExpression schedule;
        try
        {
            schedule = CronExpression.Parse(evaluation.Schedule, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            plan.Degrade("InvalidSchedule", $"spec.evaluation.schedule \"{evaluation.Schedule}\" is not a cron expression: {e.Message}");
            return true;
        }

        var drift = plan.Inputs.Runs.Values
            .Where(r => ModelDeploymentNames.Label(r, WellKnownLabels.Purpose) == "drift")
            .OrderByDescending(r => r.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ToList();
        var since = drift.FirstOrDefault()?.Metadata.CreationTimestamp is { } last
            ? new DateTimeOffset(last, TimeSpan.Zero)
            : PromotedAt(plan);
        var due = schedule.GetNextOccurrence(since, TimeZoneInfo.Utc);
        if (due is { } at && at <= plan.Now)
        {
            foreach (var gate in evaluation.Gates)
            {
                // A missing gate is reported below; the schedule's other gates still run.
                if (plan.Inputs.Gates.TryGetValue(gate, out var found))
                {
                    var name = ModelDeploymentNames.DriftRun(plan.Name, at, gate);
                    // A run still going when the next is due is not stacked on: that occurrence is skipped.
                    var going = drift.Any(r => r.Spec.Gate.Name == gate && GateRuns.Outcome(r) == GateOutcome.Pending);
                    if (plan.Run(name) is null && !going)
                    {
                        var run = RolloutRuns.New(plan, name, found, stable, "drift", Endpoints.Candidate(plan, stable, asStable: true), baseline: null);
                        run.Spec.ReleaseBaseline = ReleaseBaselines.For(plan, found);
                        plan.CreateRun(run);
                        plan.Note("ScheduledEvaluationStarted", $"Re-evaluating stable revision {stable} with gate {gate} (run {name})");
                    }
                }
            }

            due = schedule.GetNextOccurrence(at, TimeZoneInfo.Utc);
        }

        if (due is { } next)
        {
            plan.RequeueAt(next);
        }

        var ofStable = drift.Where(r => ModelDeploymentNames.Label(r, WellKnownLabels.Revision) == stable).ToList();
        Remember(plan, ofStable);
        Prune(plan, drift);
        var drifted = Report(plan, ofStable);

        // A gate that does not exist degrades on every reconcile until it is created, not only when the
        // schedule is due: a level, so that its condition holds and its event is recorded once. A drift
        // says more and keeps the condition; only the first missing gate is named, so the message is stable.
        if (!drifted && evaluation.Gates.FirstOrDefault(g => !plan.Inputs.Gates.ContainsKey(g)) is { } missing)
        {
            plan.Gate(missing, "spec.evaluation");
        }

        return drifted;
    }

    // Each finished run becomes a point of its gate's trend, kept in the status after the run is deleted.
    private static void Remember(RolloutPlanBuilder plan, List<EvaluationRun> runs)
    {
        var verdicts = plan.Status.ScheduledVerdicts ?? [];
        var known = verdicts.Select(v => v.Run).ToHashSet(StringComparer.Ordinal);
        var finished = runs
            .Where(r => !known.Contains(r.Metadata.Name) && GateRuns.Outcome(r) != GateOutcome.Pending)
            .Select(r => new ScheduledVerdict
            {
                Gate = r.Spec.Gate.Name,
                Run = r.Metadata.Name,
                Revision = r.Spec.Target.Revision,
                Time = r.Status?.CompletedAt ?? r.Metadata.CreationTimestamp,
                Phase = r.Status?.Phase,
                PassRate = r.Status?.Summary?.PassRate,
                PassRateLower = r.Status?.Summary?.PassRateLower,
                PassRateUpper = r.Status?.Summary?.PassRateUpper,
                Drifted = GateRuns.Outcome(r) == GateOutcome.Failed,
            })
            .ToList();
        if (finished.Count == 0)
        {
            return;
        }

        plan.Status.ScheduledVerdicts = [.. verdicts.Concat(finished)
            .OrderByDescending(v => v.Time ?? DateTime.MinValue)
            .GroupBy(v => v.Gate, StringComparer.Ordinal)
            .SelectMany(g => g.Take(ModelDeploymentStatus.MaxScheduledVerdicts))
            .OrderByDescending(v => v.Time ?? DateTime.MinValue)];
    }

    // Finished runs beyond the newest few of each gate go once the status remembers their verdict, so a
    // frequent schedule does not pile up runs and results ConfigMaps.
    private static void Prune(RolloutPlanBuilder plan, List<EvaluationRun> runs)
    {
        var remembered = (plan.Status.ScheduledVerdicts ?? []).Select(v => v.Run).ToHashSet(StringComparer.Ordinal);
        foreach (var run in runs.GroupBy(r => r.Spec.Gate.Name, StringComparer.Ordinal).SelectMany(g => g.Skip(KeptRuns)))
        {
            if (remembered.Contains(run.Metadata.Name) && GateRuns.Outcome(run) != GateOutcome.Pending)
            {
                plan.DeleteRun(run.Metadata.Name);
            }
        }
    }

    // The newest run of each gate says whether the stable revision still passes it; only a failed one is drift.
    private static bool Report(RolloutPlanBuilder plan, List<EvaluationRun> runs)
    {
        // A run whose drift was accepted is the release now: it judges nothing.
        var latest = runs.Where(r => !ReleaseBaselines.IsKept(plan, r)).GroupBy(r => r.Spec.Gate.Name).Select(g => g.First()).ToList();
        if (latest.Count == 0)
        {
            return false;
        }

        var verdict = GateVerdict.Of(latest);
        plan.Status.CurrentEvaluation = verdict.Headline;
        if (verdict.Outcome != GateOutcome.Failed)
        {
            return false;
        }

        var message = $"Stable revision {plan.Status.StableRevision} no longer passes gate {verdict.Gate}: {verdict.Verdict}{Flipped(verdict.Deciding)}";
        plan.Degrade("EvaluationsDrifted", message, message + ". It keeps serving; roll out a fix or accept the drift.");
        return true;
    }

    // The cases a run paired with the release passed then and fail now, a few of them by id.
    private static string Flipped(EvaluationRun run) =>
        run.Spec.ReleaseBaseline is not null && run.Status?.Comparison?.NewFailures is { Count: > 0 } flipped
            ? $"; cases that passed at its release and fail now: {string.Join(", ", flipped.Take(MaxFlipped))}"
                + (flipped.Count > MaxFlipped ? $" and {flipped.Count - MaxFlipped} more" : "")
            : "";

    private static DateTimeOffset PromotedAt(RolloutPlanBuilder plan) =>
        plan.Status.History?.FirstOrDefault(h => h.Revision == plan.Status.StableRevision && h.Result == RolloutResult.Promoted)?.Time is { } time
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : plan.Now;
}
