namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// The canary replicas a rollout waits for (before a step, or to be promoted) and the most that were ready, since when: the
/// clock of progressDeadlineSeconds, kept in the status so that a restarted operator keeps counting from the same moment.
/// </summary>
public sealed class CanaryProgress
{
    /// <summary>The canary replicas that must be ready for the rollout to go on.</summary>
    public int Replicas { get; set; }

    /// <summary>The most canary replicas seen ready during this wait.</summary>
    public int ReadyReplicas { get; set; }

    /// <summary>When the wait began or the last replica became ready; progressDeadlineSeconds later with no more ready, the rollout is aborted.</summary>
    public DateTime Since { get; set; }
}
