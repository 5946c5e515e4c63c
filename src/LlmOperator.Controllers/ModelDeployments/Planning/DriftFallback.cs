using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The answer to drift with spec.evaluation.onDrift: fallback, as a state machine read from the status:
/// <list type="bullet">
/// <item>standing by: the stable revision serves; the ServingFallback condition says whether the fallback could take over;</item>
/// <item>drifted: the fallback is judged by the schedule's gates, once per drift (runs of purpose fallback);</item>
/// <item>it passed: status.servingFallback is set and status.endpoint and status.servedModel are the fallback's
/// (prompt ConfigMaps and pipeline routers follow them), phase Degraded with reason ServingFallback;</item>
/// <item>a later scheduled run of the stable revision shows no drift, or the drift is accepted: the stable
/// revision serves again (DriftRecovered).</item>
/// </list>
/// A fallback that is missing, the model itself, not Healthy, or serving a fallback of its own is never used
/// (fallbacks are not chained, so two models cannot fall back on each other in a loop), and one that fails
/// a gate leaves the drift an alert. The spec is never written.
/// </summary>
internal static class DriftFallback
{
    private const string Purpose = "fallback";

    /// <summary>
    /// Answers the latest scheduled verdict (<paramref name="drift"/> says why it is drift, null when it is not);
    /// returns whether the answer decided the phase.
    /// </summary>
    public static bool Plan(RolloutPlanBuilder plan, GateVerdict? latest, string? drift)
    {
        var status = plan.Status;
        var conditions = status.Conditions ??= [];
        if (plan.Spec.Evaluation?.OnDrift != DriftResponse.Fallback || plan.Spec.Fallback is not { } fallback)
        {
            if (status.ServingFallback is { } left)
            {
                Stop(plan, PlannedEvent.Normal("FallbackReleased", $"Fallback {left.Name} no longer serves: spec.evaluation.onDrift is not fallback any more"));
            }

            Conditions.Remove(conditions, ConditionTypes.ServingFallback);
            return false;
        }

        var name = fallback.ModelRef.Name;
        var problem = Problem(plan, name, taken: status.ServingFallback is not null);
        if (status.ServingFallback is { } serving)
        {
            if (problem is not null)
            {
                Stop(plan, PlannedEvent.Warning(
                    "FallbackLost", $"Fallback {name} no longer serves instead of revision {serving.Replacing}: {problem.Value.Message}"));
            }
            else if (latest is null || latest.Outcome == GateOutcome.Passed)
            {
                var why = latest is null ? "its drift is accepted" : $"gate {latest.Gate} passes again ({latest.Verdict})";
                // No drift: it stands by again, below.
                Stop(plan, PlannedEvent.Normal("DriftRecovered", $"Revision {serving.Replacing} serves again instead of fallback {name}: {why}"));
            }
            else
            {
                Serve(plan, serving, drift);
                return true;
            }
        }

        if (problem is { } wrong)
        {
            Condition(plan, ConditionStatus.False, wrong.Reason, wrong.Message);
            return drift is not null && Alert(plan, drift, $"fallback {name} is not used: {wrong.Message}");
        }

        if (drift is null)
        {
            DeleteRuns(plan, []);
            Condition(plan, ConditionStatus.False, "StandingBy", $"Fallback {name} serves if a scheduled run shows drift and it passes the same gates.");
            return false;
        }

        return Judge(plan, plan.Inputs.Fallback!, latest!, drift);
    }

    /// <summary>
    /// A new revision is promoted: it is the answer to the drift, so the fallback no longer serves, and status.endpoint
    /// and status.servedModel are the new revision's.
    /// </summary>
    public static void Promoted(RolloutPlanBuilder plan, string revision)
    {
        if (plan.Status.ServingFallback is { } serving)
        {
            plan.Record(PlannedEvent.Normal("FallbackReleased", $"Revision {revision} is promoted: fallback {serving.Name} no longer serves"));
            plan.Status.ServingFallback = null;
        }

        PointAtServing(plan);
    }

    // The fallback is judged with the schedule's gates, once per drift: a drift found by a later scheduled
    // run judges it again, but never while a run of it is still going.
    private static bool Judge(RolloutPlanBuilder plan, ModelDeployment fallback, GateVerdict latest, string drift)
    {
        var name = fallback.Metadata.Name;
        var endpoint = ModelEndpoints.Stable(fallback)!;
        var revision = fallback.Status!.StableRevision!;
        var found = new DateTimeOffset(latest.Deciding.Metadata.CreationTimestamp ?? plan.Now.UtcDateTime, TimeSpan.Zero);
        var going = Runs(plan).Any(r => GateOutcome.Pending == GateRuns.Outcome(r));
        var runs = new List<EvaluationRun>();
        foreach (var gate in plan.Spec.Evaluation!.Gates.Where(plan.Inputs.Gates.ContainsKey))
        {
            var runName = ModelDeploymentNames.FallbackRun(plan.Name, found, revision, gate);
            if (plan.Run(runName) is { } run)
            {
                runs.Add(run);
            }
            else if (!going)
            {
                run = RolloutRuns.New(
                    plan, runName, plan.Inputs.Gates[gate], plan.Status.StableRevision!, Purpose, endpoint, baseline: null,
                    new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = name, Revision = revision });
                plan.CreateRun(run);
                runs.Add(run);
            }
        }

        DeleteRuns(plan, runs);
        var verdict = runs.Count == 0 ? null : GateVerdict.Of(runs);
        switch (verdict?.Outcome)
        {
            case null or GateOutcome.Pending:
                Condition(plan, ConditionStatus.False, "EvaluatingFallback", $"Fallback {name} is being evaluated with the gates that found the drift.");
                return Alert(plan, drift, $"evaluating fallback {name} with the same gates before it serves");
            case GateOutcome.Passed:
                var serving = new ServingFallbackStatus
                {
                    Name = name,
                    Revision = revision,
                    Endpoint = fallback.Status.Endpoint,
                    ServedModel = fallback.Status.ServedModel,
                    Replacing = plan.Status.StableRevision,
                    Since = plan.Now.UtcDateTime,
                    Runs = [.. runs.Select(r => r.Metadata.Name)],
                };
                plan.Status.ServingFallback = serving;
                Serve(plan, serving, drift);
                return true;
            default:
                var refused = $"Fallback {name} did not pass gate {verdict.Gate}: {verdict.Verdict}";
                if (Condition(plan, ConditionStatus.False, "FallbackRejected", refused + "."))
                {
                    plan.Warn("FallbackRejected", refused);
                }

                return Alert(plan, drift, $"fallback {name} did not pass gate {verdict.Gate} ({verdict.Verdict})");
        }
    }

    /// <summary>
    /// Points status.endpoint and status.servedModel, which clients, prompt ConfigMaps and pipeline routers read, at
    /// what serves the stable share: the fallback while it serves, else the spec's revision (which is the stable one).
    /// </summary>
    public static void PointAtServing(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        status.Endpoint = status.ServingFallback?.Endpoint ?? Endpoints.Main(plan);
        status.ServedModel = status.ServingFallback?.ServedModel ?? plan.Inputs.Profile.ServedModel;
    }

    private static void Serve(RolloutPlanBuilder plan, ServingFallbackStatus serving, string? drift)
    {
        PointAtServing(plan);
        var since = $"{serving.Since:yyyy-MM-dd HH:mm} UTC";
        Condition(plan, ConditionStatus.True, "ServingFallback", $"Fallback {serving.Name} (revision {serving.Revision}) serves since {since}.");
        var message = $"Stable revision {serving.Replacing} drifted: fallback {serving.Name} ({serving.ServedModel}, revision {serving.Revision}) "
            + $"serves instead since {since}";
        plan.Degrade(
            "ServingFallback",
            message + ".",
            (drift is null ? message : $"{drift}. Fallback {serving.Name} serves instead since {since}")
                + $". Revision {serving.Replacing} serves again once a scheduled run shows no drift, or after llmop promote --accept-drift.");
    }

    private static bool Alert(RolloutPlanBuilder plan, string drift, string fallback)
    {
        plan.Degrade("EvaluationsDrifted", drift, $"{drift}. It keeps serving: {fallback}.");
        return true;
    }

    private static void Stop(RolloutPlanBuilder plan, PlannedEvent why)
    {
        plan.Status.ServingFallback = null;
        PointAtServing(plan);
        plan.Record(why);
    }

    // Whether the condition changed.
    private static bool Condition(RolloutPlanBuilder plan, ConditionStatus status, string reason, string message) =>
        Conditions.Set(plan.Status.Conditions!, ConditionTypes.ServingFallback, status, reason, message, plan.Status.ObservedGeneration, plan.Now);

    // Why the fallback cannot serve, or null. Taking over needs a Healthy fallback; one that already serves
    // keeps serving through its own rollouts, as long as it serves at all.
    private static (string Reason, string Message)? Problem(RolloutPlanBuilder plan, string name, bool taken)
    {
        if (name == plan.Name)
        {
            return ("FallbackIsItself", $"spec.fallback.modelRef names {name} itself.");
        }

        if (plan.Inputs.Fallback is not { } fallback)
        {
            return ("FallbackNotFound", $"spec.fallback.modelRef names ModelDeployment {name}, which does not exist in namespace {plan.Namespace}.");
        }

        if (fallback.Status?.ServingFallback is { } chained)
        {
            return ("FallbackServesFallback", $"ModelDeployment {name} serves its own fallback {chained.Name}, and fallbacks are not chained.");
        }

        if (ModelEndpoints.Stable(fallback) is null)
        {
            return ("FallbackNotServing", $"ModelDeployment {name} serves nothing yet.");
        }

        return !taken && fallback.Status!.Phase != RolloutPhase.Healthy
            ? ("FallbackNotHealthy", $"ModelDeployment {name} is {fallback.Status.Phase?.ToString() ?? "not observed yet"}, not Healthy.")
            : null;
    }

    private static IEnumerable<EvaluationRun> Runs(RolloutPlanBuilder plan) =>
        plan.Inputs.Runs.Values.Where(r => ModelDeploymentNames.Label(r, WellKnownLabels.Purpose) == Purpose);

    // Finished runs of earlier drifts go; those of the current one, and any still going, stay.
    private static void DeleteRuns(RolloutPlanBuilder plan, List<EvaluationRun> current)
    {
        foreach (var run in Runs(plan).Where(r => !current.Contains(r) && GateRuns.Outcome(r) != GateOutcome.Pending))
        {
            plan.DeleteRun(run.Metadata.Name);
        }
    }
}
