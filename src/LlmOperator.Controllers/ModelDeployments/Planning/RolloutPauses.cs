using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The pauses the operator itself holds (a pause step, an inconclusive evaluation): one pause condition
/// per reason, and <c>controllerPause</c> saying the operator paused. <c>llmop promote</c> clears the
/// pause conditions and leaves <c>controllerPause</c>: that is how a pause learns it was promoted.
/// </summary>
internal static class RolloutPauses
{
    /// <summary>
    /// Holds the rollout on a pause of <paramref name="reason"/>: returns the pause (new ones are added and
    /// announced with <paramref name="paused"/>), or null when <c>llmop promote</c> has just cleared it,
    /// which resumes the rollout.
    /// </summary>
    public static PauseCondition? Hold(RolloutPlanBuilder plan, PauseReason reason, PlannedEvent paused)
    {
        var status = plan.Status;
        var pause = status.PauseConditions?.FirstOrDefault(p => p.Reason == reason);
        if (pause is not null)
        {
            return pause;
        }

        if (status.ControllerPause == true)
        {
            status.ControllerPause = null;
            plan.Note("RolloutResumed", $"Rollout of revision {status.CanaryRevision} resumed by llmop promote");
            return null;
        }

        pause = new PauseCondition { Reason = reason, StartTime = plan.Now.UtcDateTime };
        (status.PauseConditions ??= []).Add(pause);
        status.ControllerPause = true;
        plan.Record(paused);
        return pause;
    }

    /// <summary>Releases a pause that ran its course (a pause step's duration).</summary>
    public static void Release(RolloutPlanBuilder plan, PauseCondition pause)
    {
        var status = plan.Status;
        status.PauseConditions!.Remove(pause);
        status.PauseConditions = status.PauseConditions.Count == 0 ? null : status.PauseConditions;
        status.ControllerPause = null;
    }
}
