namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>The replicas of the stable and canary revisions in one plan, and what the canary must have ready before the rollout goes on.</summary>
/// <param name="Stable">The stable revision's replicas now.</param>
/// <param name="Canary">The canary's replicas now.</param>
/// <param name="CanaryTarget">The canary replicas that must be ready: the step's or promotion's, within the surge limits.</param>
internal readonly record struct RevisionScale(int Stable, int Canary, int CanaryTarget);
