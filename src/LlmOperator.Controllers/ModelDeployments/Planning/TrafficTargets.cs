namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>Where traffic goes: which revisions each Service selects, and the canary's share on an HTTPRoute.</summary>
/// <param name="MainRevision">The revision the main Service selects, or null for every revision of the model (traffic split by replicas).</param>
/// <param name="StableRevision">The revision behind the stable Service.</param>
/// <param name="CanaryRevision">The revision behind the canary Service (the stable one when there is no canary).</param>
/// <param name="CanaryWeight">The canary's share of the HTTPRoute, 0 to 100.</param>
internal sealed record TrafficTargets(string? MainRevision, string StableRevision, string CanaryRevision, int CanaryWeight);
