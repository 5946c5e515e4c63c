namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>A Kubernetes Event the reconciler records for a rollout decision.</summary>
/// <param name="Warning">Whether it is a Warning (else Normal).</param>
/// <param name="Reason">A CamelCase reason, for example RolloutAborted.</param>
/// <param name="Message">What happened, in one sentence.</param>
public sealed record RolloutEvent(bool Warning, string Reason, string Message);
