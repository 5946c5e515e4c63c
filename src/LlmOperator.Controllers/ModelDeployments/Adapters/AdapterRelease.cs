using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// The release of one adapter, decided from its spec, its status and what the pods have loaded, as a model's
/// rollout is: the first version is loaded under the adapter's name at once; a new version (a new source or
/// revision) is loaded under the canary name on every pod, judged by the adapter's gates against the version
/// that serves, then loaded under the adapter's name (the swap) and the canary name unloaded. Failed aborts
/// (the canary is unloaded, the stable version keeps serving, the adapter is Degraded until a new version or
/// a retry); Inconclusive follows onInconclusive; Error is retried by the runs themselves. It fills in the
/// version each of the adapter's slots should serve.
/// </summary>
internal static class AdapterRelease
{
    public static void Plan(
        RolloutPlanBuilder plan, LoraAdapter adapter, AdapterStatus status, AdapterFleet fleet, Dictionary<AdapterSlot, AdapterLoad> desired)
    {
        var revision = AdapterVersion.NameOf(adapter.Source, adapter.Revision);
        if (status.StableRevision is null || status.Stable is null)
        {
            status.StableRevision = revision;
            status.Stable = new AdapterVersion { Source = adapter.Source, Revision = adapter.Revision };
            plan.History(status, RolloutResult.Promoted, revision, Described(status.Stable), "first version: loaded without a rollout");
            plan.Note(
                "AdapterFirstVersion",
                $"Adapter {adapter.Name}: revision {revision} ({Described(status.Stable)}) is the first and is loaded without a rollout");
        }

        var stable = new AdapterSlot(adapter.Name, Canary: false);
        desired[stable] = Load(plan, status.StableRevision, status.Stable);
        if (revision == status.StableRevision)
        {
            Steady(plan, status, fleet, stable);
            return;
        }

        if (status.CandidateRevision != revision)
        {
            Start(plan, status, revision);
        }

        if (status.Abort == true)
        {
            Aborted(plan, status);
            return;
        }

        if (status.AbortedAt is not null)
        {
            // llmop retry --adapter cleared the abort: the same version is rolled out again, with new runs.
            status.Attempt = (status.Attempt ?? 1) + 1;
            status.AbortedAt = null;
            status.CurrentEvaluation = null;
            plan.Note("AdapterRolloutRetried", $"Adapter {adapter.Name}: rolling out revision {revision} again (attempt {status.Attempt})");
        }

        var candidate = Load(plan, revision, new AdapterVersion { Source = adapter.Source, Revision = adapter.Revision });
        var canary = new AdapterSlot(adapter.Name, Canary: true);
        desired[canary] = candidate;
        if (Loaded(plan, status, fleet, canary, revision, $"loading revision {revision} as {canary.ServedName}")
            && Evaluate(plan, adapter, status) == StepProgress.Done)
        {
            desired[stable] = candidate;
            var swapping = $"revision {revision} passed; loading it as {adapter.Name} in place of revision {status.StableRevision}";
            if (Loaded(plan, status, fleet, stable, revision, swapping))
            {
                Promote(plan, adapter, status, revision);
            }
        }

        // Aborted or promoted: the canary name is unloaded.
        if (status.Abort == true || status.CandidateRevision is null)
        {
            desired.Remove(canary);
        }
    }

    private static void Steady(RolloutPlanBuilder plan, AdapterStatus status, AdapterFleet fleet, AdapterSlot stable)
    {
        if (status.CandidateRevision is { } abandoned)
        {
            if (status.Abort != true)
            {
                plan.History(status, RolloutResult.Superseded, abandoned, null, $"the spec returned to revision {status.StableRevision}");
            }

            plan.Note(
                "AdapterRolloutAbandoned",
                $"Adapter {status.Name}: the spec is revision {status.StableRevision} again; revision {abandoned} is dropped");
            Clear(status);
        }

        // With no ready pod (scaled to zero, say) there is nothing to load onto: each pod gets it when it is ready.
        if (fleet.Ready.Count == 0 || Loaded(plan, status, fleet, stable, status.StableRevision!, $"loading revision {status.StableRevision}"))
        {
            Phase(status, RolloutPhase.Healthy, null, $"Revision {status.StableRevision} ({Described(status.Stable!)}) serves on every ready pod.");
        }
    }

    private static void Start(RolloutPlanBuilder plan, AdapterStatus status, string revision)
    {
        if (status.CandidateRevision is { } previous && status.Abort != true)
        {
            plan.History(status, RolloutResult.Superseded, previous, null, $"replaced by revision {revision} before it finished");
        }

        Clear(status);
        status.CandidateRevision = revision;
        status.CandidateModel = AdapterSlot.CanaryName(status.Name);
        status.Attempt = 1;
        plan.Note("AdapterRolloutStarted", $"Adapter {status.Name}: rolling out revision {revision} in place of revision {status.StableRevision}");
    }

    // Whether every ready pod serves the revision in the slot; if not, the adapter's phase says how far loading got.
    private static bool Loaded(RolloutPlanBuilder plan, AdapterStatus status, AdapterFleet fleet, AdapterSlot slot, string revision, string doing)
    {
        if (fleet.AllServe(slot, revision))
        {
            return true;
        }

        if (fleet.Ready.Count == 0)
        {
            Phase(status, RolloutPhase.Progressing, null, $"{Capitalized(doing)}: waiting for a ready pod.");
            return false;
        }

        var progress = $"{Capitalized(doing)}: {fleet.Serving(slot, revision)} of {fleet.Ready.Count} pods serve it";
        if (fleet.Failure(slot, revision) is not ({ } pod, { } failure))
        {
            Phase(status, RolloutPhase.Progressing, null, progress + ".");
            return false;
        }

        var why = $"pod {pod.Name} failed to load it {failure.Attempts} time(s) in a row ({failure.Reason}: {failure.Message})";
        if (failure.IsRefusal && failure.Attempts >= AdapterCallFailure.RefusalsToAbort)
        {
            if (slot.Canary)
            {
                Abort(plan, status, AdapterCallOutcome.Refused, why);
                return false;
            }

            // Nothing else can serve under the adapter's name: it stays Degraded and the loads go on, spaced out.
            Phase(status, RolloutPhase.Degraded, AdapterCallOutcome.Refused, $"{progress}; {why}. The next attempt is at {Time(failure.RetryAt)}.");
            return false;
        }

        Phase(status, RolloutPhase.Progressing, null, $"{progress}; {why}. The next attempt is at {Time(failure.RetryAt)}.");
        return false;
    }

    // The adapter's gates: all of them pass, or the step's onInconclusive lets it go on.
    private static StepProgress Evaluate(RolloutPlanBuilder plan, LoraAdapter adapter, AdapterStatus status)
    {
        var gates = adapter.Evaluate?.Gates ?? [];
        if (gates.Count == 0)
        {
            return StepProgress.Done;
        }

        var revision = status.CandidateRevision!;
        var runs = new List<EvaluationRun>();
        foreach (var gate in gates)
        {
            var name = AdapterRuns.Name(plan.Name, adapter.Name, revision, status.Attempt ?? 1, gate);
            if (plan.Run(name) is not { } run)
            {
                if (plan.Gate(gate, $"spec.adapters[{adapter.Name}].evaluate") is not { } found)
                {
                    Phase(status, RolloutPhase.Degraded, "GateNotFound", $"Revision {revision} waits for EvaluationGate {gate}, which does not exist.");
                    return StepProgress.Waiting;
                }

                run = AdapterRuns.New(plan, name, found, status);
                plan.CreateRun(run);
                plan.Note("EvaluationStarted", $"Evaluating adapter {adapter.Name} revision {revision} with gate {gate} (run {name})");
            }

            runs.Add(run);
        }

        var verdict = GateVerdict.Of(runs);
        var before = status.CurrentEvaluation;
        status.CurrentEvaluation = verdict.Headline;
        var judged = $"gate {verdict.Gate}";
        switch (verdict.Outcome)
        {
            case GateOutcome.Failed:
                Abort(plan, status, "AdapterEvaluationFailed", $"{judged} failed: {verdict.Verdict}");
                return StepProgress.Aborted;
            case GateOutcome.Pending:
                Phase(
                    status,
                    RolloutPhase.Progressing,
                    null,
                    $"Evaluating revision {revision} ({status.CandidateModel}) against revision {status.StableRevision} ({status.Name}) " +
                        $"with {string.Join(", ", gates)}.");
                return StepProgress.Waiting;
            case GateOutcome.Inconclusive:
                return Inconclusive(plan, adapter, status, $"{judged} was inconclusive: {verdict.Verdict}");
            default:
                if (before?.Phase != EvaluationPhase.Passed || before.Name != verdict.Headline.Name)
                {
                    plan.Note("EvaluationPassed", $"Adapter {adapter.Name}: revision {revision} passed {string.Join(", ", gates)}");
                }

                return StepProgress.Done;
        }
    }

    private static StepProgress Inconclusive(RolloutPlanBuilder plan, LoraAdapter adapter, AdapterStatus status, string why)
    {
        switch (adapter.Evaluate!.OnInconclusive)
        {
            case InconclusivePolicy.Fail:
                Abort(plan, status, "AdapterEvaluationInconclusive", why);
                return StepProgress.Aborted;
            case InconclusivePolicy.Pass:
                return StepProgress.Done;
        }

        if (status.Promote == true)
        {
            return StepProgress.Done;
        }

        if (status.Paused != true)
        {
            status.Paused = true;
            plan.Warn("EvaluationInconclusive", $"Adapter {adapter.Name}: revision {status.CandidateRevision}: {why}; paused until llmop promote or abort");
        }

        Phase(
            status,
            RolloutPhase.Paused,
            "AdapterEvaluationInconclusive",
            $"Revision {status.CandidateRevision}: {why}. llmop promote {plan.Name} --adapter {adapter.Name} swaps it in, " +
                $"llmop abort {plan.Name} --adapter {adapter.Name} rolls back.");
        return StepProgress.Waiting;
    }

    private static void Abort(RolloutPlanBuilder plan, AdapterStatus status, string reason, string message)
    {
        status.Abort = true;
        status.AbortedAt = plan.Now.UtcDateTime;
        status.Paused = null;
        status.Promote = null;
        plan.History(status, RolloutResult.Aborted, status.CandidateRevision!, null, message);
        plan.Warn("AdapterRolloutAborted", $"Adapter {status.Name}: rollout of revision {status.CandidateRevision} aborted: {message}");
        Phase(status, RolloutPhase.Degraded, reason, AbortedMessage(plan, status, message));
    }

    // The canary is unloaded (its slot is not desired) and the stable version serves; only a new version or a retry moves on.
    private static void Aborted(RolloutPlanBuilder plan, AdapterStatus status)
    {
        if (status.AbortedAt is null)
        {
            // llmop abort --adapter sets only abort: this is where the operator learns of it.
            status.AbortedAt = plan.Now.UtcDateTime;
            status.Paused = null;
            status.Promote = null;
            plan.History(status, RolloutResult.Aborted, status.CandidateRevision!, null, "aborted by llmop abort");
            plan.Warn("AdapterRolloutAborted", $"Adapter {status.Name}: rollout of revision {status.CandidateRevision} aborted by llmop abort");
            Phase(status, RolloutPhase.Degraded, "AdapterAborted", AbortedMessage(plan, status, "aborted by llmop abort"));
        }
    }

    private static string AbortedMessage(RolloutPlanBuilder plan, AdapterStatus status, string message) =>
        $"Rollout of revision {status.CandidateRevision} aborted: {message.TrimEnd('.')}. Revision {status.StableRevision} serves as {status.Name}; " +
            $"a new revision, or llmop retry {plan.Name} --adapter {status.Name}, rolls out again.";

    private static void Promote(RolloutPlanBuilder plan, LoraAdapter adapter, AdapterStatus status, string revision)
    {
        var version = new AdapterVersion { Source = adapter.Source, Revision = adapter.Revision };
        var message = status.Promote == true ? "promoted by llmop promote"
            : (adapter.Evaluate?.Gates.Count ?? 0) == 0 ? "no gates to pass"
            : "every gate passed";
        plan.History(status, RolloutResult.Promoted, revision, Described(version), message);
        plan.Note("AdapterPromoted", $"Adapter {adapter.Name}: revision {revision} ({Described(version)}) is promoted and serves as {adapter.Name}");
        Clear(status);
        status.StableRevision = revision;
        status.Stable = version;
        Phase(status, RolloutPhase.Healthy, null, $"Revision {revision} ({Described(version)}) is promoted and serves on every ready pod.");
    }

    private static void Clear(AdapterStatus status)
    {
        status.CandidateRevision = null;
        status.CandidateModel = null;
        status.Attempt = null;
        status.Abort = null;
        status.AbortedAt = null;
        status.Paused = null;
        status.Promote = null;
        status.CurrentEvaluation = null;
    }

    private static void Phase(AdapterStatus status, RolloutPhase phase, string? reason, string message)
    {
        status.Phase = phase;
        status.Reason = reason;
        status.Message = message;
    }

    private static AdapterLoad Load(RolloutPlanBuilder plan, string revision, AdapterVersion version) =>
        new(revision, AdapterSource.LoraPath(plan.Spec.Engine, version.Source),
            AdapterSource.FetchedByLoader(plan.Spec.Engine, version.Source, version.Revision) ? new AdapterFetch(version.Source, version.Revision) : null);

    private static string Described(AdapterVersion version) => version.Revision is null ? version.Source : $"{version.Source} at {version.Revision}";

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
