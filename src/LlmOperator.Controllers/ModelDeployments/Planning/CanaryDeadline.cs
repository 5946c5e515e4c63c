using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// progressDeadlineSeconds, for every wait for canary replicas (before a step, or to be promoted): the clock starts with the
/// wait and again each time one more canary replica is ready, and a wait that sees none for that long aborts the rollout,
/// saying how many were ready of how many. A slow model loads one replica at a time within it; a cluster with no room for the
/// next one (GPUs, quota) stops instead of sitting in Progressing for ever. The clock is status.canaryProgress, so a restarted
/// operator keeps it.
/// </summary>
internal static class CanaryDeadline
{
    /// <summary>
    /// Notes that the rollout waits for <paramref name="replicas"/> ready canary replicas; aborts it with
    /// <paramref name="reason"/> and returns true when the deadline has passed. <paramref name="during"/> says where it waits,
    /// for example "before step 2".
    /// </summary>
    public static bool Passed(RolloutPlanBuilder plan, int replicas, string reason, string during)
    {
        var status = plan.Status;
        var ready = plan.Inputs.Revisions.GetValueOrDefault(status.CanaryRevision!)?.ReadyReplicas ?? 0;
        if (status.CanaryProgress is not { } progress || progress.Replicas != replicas || ready > progress.ReadyReplicas)
        {
            progress = status.CanaryProgress = new CanaryProgress { Replicas = replicas, ReadyReplicas = ready, Since = plan.Now.UtcDateTime };
        }

        var seconds = plan.Spec.Rollout?.ProgressDeadlineSeconds ?? plan.Inputs.Profile.DefaultProgressDeadlineSeconds;
        var deadline = new DateTimeOffset(progress.Since, TimeSpan.Zero).AddSeconds(seconds);
        if (plan.Now < deadline)
        {
            plan.RequeueAt(deadline);
            return false;
        }

        CanaryRollout.Abort(
            plan,
            reason,
            $"its canary had {ready} of {replicas} replicas ready {during} and no more became ready within {seconds} s; "
                + $"the cluster may lack capacity for its pods (GPUs, quota; {SurgeLimits.Of(plan.Spec)}), or they fail to start");
        return true;
    }
}
