using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// A rollout of the spec's revision as the canary: start (or restart on a newer revision), retry,
/// abort, the progress deadline, the steps, and the promotion at the end.
/// </summary>
internal static class CanaryRollout
{
    public static void Plan(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var revision = plan.Inputs.Revision;
        if (status.CanaryRevision != revision)
        {
            Start(plan, revision);
        }

        if (status.Abort == true)
        {
            Aborted(plan);
            return;
        }

        if (status.AbortedAt is not null)
        {
            // llmop retry cleared the abort: the same revision rolls out again from the first step.
            status.Attempt = (status.Attempt ?? 1) + 1;
            status.AbortedAt = null;
            Restart(plan);
            plan.Note("RolloutRetried", $"Rolling out revision {revision} again (attempt {status.Attempt})");
        }

        if (ProgressDeadlinePassed(plan))
        {
            return;
        }

        if (status.PromoteFull == true || StepExecution.Run(plan) == StepProgress.Done)
        {
            Promote(plan);
        }
    }

    /// <summary>Forgets everything about a canary (when it is promoted or dropped).</summary>
    public static void Clear(ModelDeploymentStatus status)
    {
        status.CanaryRevision = null;
        status.CurrentStepIndex = null;
        status.CanaryWeight = null;
        status.Abort = null;
        status.AbortedAt = null;
        status.PauseConditions = null;
        status.ControllerPause = null;
        status.PromoteFull = null;
        status.RolloutStartedAt = null;
        status.Attempt = null;
    }

    /// <summary>Aborts the rollout: all traffic back to the stable revision, the canary kept for a while to debug.</summary>
    public static void Abort(RolloutPlanBuilder plan, string reason, string message)
    {
        var status = plan.Status;
        status.Abort = true;
        status.AbortedAt = plan.Now.UtcDateTime;
        status.CanaryWeight = 0;
        status.PauseConditions = null;
        status.ControllerPause = null;
        plan.History(RolloutResult.Aborted, status.CanaryRevision!, plan.Spec.Model.Name, message);
        plan.Warn("RolloutAborted", $"Rollout of revision {status.CanaryRevision} aborted: {message}");
        plan.Degraded = (reason, $"Rollout of revision {status.CanaryRevision} aborted: {message}");
        Aborted(plan);
    }

    private static void Start(RolloutPlanBuilder plan, string revision)
    {
        var status = plan.Status;
        if (status.CanaryRevision is { } previous && status.Abort != true)
        {
            plan.History(RolloutResult.Superseded, previous, null, $"replaced by revision {revision} before it finished");
            plan.Note("RolloutSuperseded", $"Revision {previous} is replaced by revision {revision} before its rollout finished");
        }

        Clear(status);
        status.CanaryRevision = revision;
        status.Attempt = 1;
        Restart(plan);
        plan.Note("RolloutStarted", $"Rolling out revision {revision} ({plan.Spec.Model.Name}) over {plan.Steps.Count} step(s)");
    }

    private static void Restart(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        status.CurrentStepIndex = 0;
        status.CanaryWeight = 0;
        status.PauseConditions = null;
        status.ControllerPause = null;
        status.PromoteFull = null;
        status.CurrentEvaluation = null;
        status.RolloutStartedAt = plan.Now.UtcDateTime;
    }

    private static void Aborted(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var stable = status.StableRevision!;
        var canary = status.CanaryRevision!;
        if (status.AbortedAt is null)
        {
            // llmop abort sets only abort: this is where the operator learns of it.
            status.AbortedAt = plan.Now.UtcDateTime;
            status.CanaryWeight = 0;
            status.PauseConditions = null;
            status.ControllerPause = null;
            plan.History(RolloutResult.Aborted, canary, plan.Spec.Model.Name, "aborted by llmop abort");
            plan.Warn("RolloutAborted", $"Rollout of revision {canary} aborted by llmop abort");
            plan.Degraded = ("UserAborted", $"Rollout of revision {canary} aborted by llmop abort.");
        }

        plan.Degraded ??= Conditions.Find(status.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded
            ? (degraded.Reason, degraded.Message ?? $"Rollout of revision {canary} aborted.")
            : ("RolloutAborted", $"Rollout of revision {canary} aborted.");
        var keepUntil = new DateTimeOffset(status.AbortedAt!.Value, TimeSpan.Zero).AddSeconds(plan.Spec.Rollout?.AbortScaleDownDelaySeconds ?? 30);
        plan.Replicas[stable] = plan.Spec.Replicas;
        if (plan.Now < keepUntil)
        {
            plan.Replicas[canary] = plan.Inputs.Revisions.GetValueOrDefault(canary)?.Replicas ?? 0;
            plan.RequeueAt(keepUntil);
        }
        else
        {
            plan.Replicas[canary] = 0;
        }

        plan.Traffic = plan.Inputs.Profile.RunsPods ? new TrafficTargets(stable, stable, canary, 0) : null;
        plan.Phase(RolloutPhase.Degraded, $"{plan.Degraded.Value.Message.TrimEnd('.')}. Revision {stable} serves all traffic; llmop retry rolls out again.");
    }

    private static bool ProgressDeadlinePassed(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        if (!plan.Inputs.Profile.RunsPods || status.CurrentStepIndex > 0 || status.RolloutStartedAt is null)
        {
            return false;
        }

        var seconds = plan.Spec.Rollout?.ProgressDeadlineSeconds ?? plan.Inputs.Profile.DefaultProgressDeadlineSeconds;
        var deadline = new DateTimeOffset(status.RolloutStartedAt.Value, TimeSpan.Zero).AddSeconds(seconds);
        var ready = plan.Inputs.Revisions.GetValueOrDefault(status.CanaryRevision!)?.ReadyReplicas ?? 0;
        if (ready > 0)
        {
            return false;
        }

        if (plan.Now < deadline)
        {
            plan.RequeueAt(deadline);
            return false;
        }

        Abort(plan, "ProgressDeadlineExceeded", $"its canary did not become ready within {seconds} s");
        return true;
    }

    // All steps done (or promote --full): the canary takes its full size, then becomes the stable revision.
    private static void Promote(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var canary = status.CanaryRevision!;
        var stable = status.StableRevision!;
        var profile = plan.Inputs.Profile;
        status.CurrentStepIndex = plan.Steps.Count;
        status.CanaryWeight = 100;
        if (profile.RunsPods && (plan.Inputs.Revisions.GetValueOrDefault(canary)?.ReadyReplicas ?? 0) < plan.Spec.Replicas)
        {
            plan.Replicas[stable] = plan.Spec.Replicas;
            plan.Replicas[canary] = plan.Spec.Replicas;
            plan.Traffic = new TrafficTargets(null, stable, canary, 100);
            plan.Phase(RolloutPhase.Progressing, $"Promoting revision {canary}: waiting for all {plan.Spec.Replicas} of its replicas to be ready.");
            return;
        }

        plan.History(
            RolloutResult.Promoted,
            canary,
            plan.Spec.Model.Name,
            status.PromoteFull == true ? "promoted by llmop promote --full" : "every step passed");
        plan.Note("RolloutPromoted", $"Revision {canary} ({plan.Spec.Model.Name}) is promoted to stable");
        Clear(status);
        status.StableRevision = canary;
        DriftFallback.Promoted(plan, canary);
        plan.Replicas[canary] = plan.Spec.Replicas;
        plan.Replicas[stable] = 0;
        plan.Traffic = profile.RunsPods ? new TrafficTargets(canary, canary, canary, 0) : null;
        plan.Phase(RolloutPhase.Healthy, $"Revision {canary} ({plan.Spec.Model.Name}) is promoted and serves all traffic.");
    }
}
