namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// Whether a ModelDeployment has its stable and canary Services beside the main one. Clients use the main
/// Service; the other two address one revision each, for evaluations (a canary against the stable revision,
/// drift, a first revision, a prompt version on the model) and for an HTTPRoute's split. A model that only
/// ever serves does not need them, so they are made the first time anything does: a canary, Gateway API
/// routing, a run of its own, or another object that addresses the stable revision. Once made they are kept
/// for as long as the model exists, selecting the stable revision between rollouts: deleting them after a
/// rollout would cost as many writes as it saves, and a run still going may address them.
/// </summary>
internal static class RolloutServices
{
    /// <summary>Whether the plan keeps the stable and canary Services.</summary>
    public static bool Needed(RolloutInputs inputs, RolloutPlan plan) =>
        inputs.RolloutServicesExist
        || plan.Status.CanaryRevision is not null
        || inputs.Model.Spec.Rollout?.TrafficRouting?.GatewayApi is not null
        || inputs.Runs.Count > 0
        || plan.RunsToCreate.Count > 0
        || inputs.StableAddressedElsewhere;
}
