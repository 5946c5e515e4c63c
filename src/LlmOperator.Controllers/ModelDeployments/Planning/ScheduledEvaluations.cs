using Cronos;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// Re-evaluation of the stable revision on spec.evaluation.schedule, so that drift of an unchanged
/// model (a hosted model updated silently, say) shows as EvaluationsPassing=False, an event and a
/// Degraded phase. Each run is paired case by case with the release of the revision (see
/// <see cref="ReleaseBaselines"/>), so a significant regression against it is drift even while the
/// thresholds still pass. What drift does is <see cref="DriftFallback"/>'s to decide: an alert, or a
/// fallback that serves instead.
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
            // With no schedule there is no drift to answer: a fallback left serving stops.
            return DriftFallback.Plan(plan, latest: null, drift: null);
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
        var latest = Latest(plan, ofStable);
        var drifted = latest is { Outcome: GateOutcome.Failed } failed
            ? $"Stable revision {stable} no longer passes gate {failed.Gate}: {failed.Verdict}{Flipped(failed.Deciding)}"
            : null;
        var decided = DriftFallback.Plan(plan, latest, drifted);
        if (!decided && drifted is not null)
        {
            plan.Degrade("EvaluationsDrifted", drifted, drifted + ". It keeps serving; roll out a fix or accept the drift.");
            decided = true;
        }

        // A gate that does not exist degrades on every reconcile until it is created, not only when the
        // schedule is due: a level, so that its condition holds and its event is recorded once. A drift
        // says more and keeps the condition; only the first missing gate is named, so the message is stable.
        if (!decided && evaluation.Gates.FirstOrDefault(g => !plan.Inputs.Gates.ContainsKey(g)) is { } missing)
        {
            plan.Gate(missing, "spec.evaluation");
        }

        return decided;
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

    // The newest finished run of each gate says whether the stable revision still passes it (a run still
    // going changes nothing until it finishes, so a drifted model does not look healthy while it is
    // re-evaluated); only a failed one is drift. A gate whose newest run was accepted as the release judges
    // nothing until a later one finishes. Null when no gate has a verdict.
    private static GateVerdict? Latest(RolloutPlanBuilder plan, List<EvaluationRun> runs)
    {
        var latest = runs
            .Where(r => GateRuns.Outcome(r) != GateOutcome.Pending)
            .GroupBy(r => r.Spec.Gate.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .Where(r => !ReleaseBaselines.IsKept(plan, r))
            .ToList();
        if (latest.Count == 0)
        {
            return null;
        }

        var verdict = GateVerdict.Of(latest);
        plan.Status.CurrentEvaluation = verdict.Headline;
        return verdict;
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
