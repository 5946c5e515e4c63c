using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>The objects of the scale benchmarks: mock-engine ModelDeployments and the gate their evaluate step names.</summary>
internal static class ScaleManifests
{
    public const string GateName = "quality";

    /// <summary>
    /// A mock ModelDeployment of one replica; with <paramref name="evaluate"/> its rollout is one evaluate step, else
    /// it has no steps. A new <paramref name="latencyMs"/> (a mock-llm argument) is a new revision.
    /// </summary>
    public static ModelDeployment Model(string ns, string name, bool evaluate, int latencyMs = 1) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = "chat-small", ServedName = "chat" },
            Engine = InferenceEngine.Mock,
            Replicas = 1,
            Args = [$"--latency={latencyMs}"],
            Rollout = evaluate
                ? new RolloutStrategy { Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = [GateName] } }], AbortScaleDownDelaySeconds = 0 }
                : null,
        },
    };

    public static EvaluationGate Gate(string ns) => new()
    {
        Metadata = new V1ObjectMeta { Name = GateName, NamespaceProperty = ns },
        Spec = new EvaluationGateSpec
        {
            Dataset = new Dataset
            {
                Cases = [new EvaluationCase { Id = "one", Messages = [new PromptMessage { Role = MessageRole.User, Content = "hi" }] }],
            },
        },
    };

    /// <summary>Healthy for the generation it has seen, with no canary, serving <paramref name="revision"/> (any when null).</summary>
    public static bool IsHealthy(ModelDeployment model, string? revision = null) =>
        model.Status is { Phase: RolloutPhase.Healthy, CanaryRevision: null } status
        && status.ObservedGeneration == model.Metadata.Generation
        && (revision is null || status.StableRevision == revision);
}
