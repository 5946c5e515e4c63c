using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// A ModelDeployment driven by the operator's real rollout planner, with pods that become ready at once
/// and runs finished by the test, so that Argo CD's actions and health checks can be tried on the
/// statuses the operator really writes, and the operator's answer to an action observed.
/// </summary>
public sealed class RolloutSimulation
{
    private const string Image = "ghcr.io/llmoperator/llmop:test";
    private readonly Dictionary<string, RevisionState> _revisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvaluationRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvaluationGate> _gates = new(StringComparer.Ordinal);
    private DateTimeOffset _now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A ModelDeployment with these steps, settled on its first (stable) revision.</summary>
    public RolloutSimulation(params RolloutStep[] steps)
    {
        Model = new ModelDeployment
        {
            ApiVersion = "llmoperator.io/v1alpha1",
            Kind = "ModelDeployment",
            Metadata = new V1ObjectMeta { Name = "llama", NamespaceProperty = "ml", Generation = 1, Uid = "uid-llama" },
            Spec = new ModelDeploymentSpec
            {
                Model = new ModelSource { Name = "llama-3.1-8b" },
                Engine = InferenceEngine.Mock,
                Replicas = 2,
                Rollout = new RolloutStrategy { Steps = [.. steps] },
            },
        };
        foreach (var gate in steps.Where(s => s.Evaluate is not null).SelectMany(s => s.Evaluate!.Gates))
        {
            _gates[gate] = new EvaluationGate { Metadata = new V1ObjectMeta { Name = gate, NamespaceProperty = "ml" }, Spec = new EvaluationGateSpec() };
        }

        Settle();
    }

    /// <summary>The object as the API server holds it.</summary>
    public ModelDeployment Model { get; private set; }

    /// <summary>Its status.</summary>
    public ModelDeploymentStatus Status => Model.Status!;

    /// <summary>The EvaluationRuns the planner created, by name.</summary>
    public IReadOnlyDictionary<string, EvaluationRun> Runs => _runs;

    /// <summary>A new commit that changes the model: a new revision to roll out.</summary>
    public void CommitNewModel(string name)
    {
        Model.Spec.Model.Name = name;
        Model.Metadata.Generation++;
    }

    /// <summary>Reconciles until the status stops changing, as events would drive the operator.</summary>
    public void Settle()
    {
        for (var i = 0; i < 20; i++)
        {
            var before = Model.Status is null ? "" : KubernetesJson.Serialize(Model.Status);
            var plan = RolloutPlanner.Plan(new RolloutInputs
            {
                Model = Model,
                Revision = Revision.Of(Model.Spec),
                Profile = EngineProfiles.Resolve(Model.Spec, Image),
                Revisions = new Dictionary<string, RevisionState>(_revisions),
                Runs = new Dictionary<string, EvaluationRun>(_runs),
                Gates = _gates,
                Now = _now,
            });
            Model.Status = plan.Status;
            Model.Status.ObservedGeneration = Model.Metadata.Generation;
            _revisions.Clear();
            foreach (var (revision, replicas) in plan.Replicas)
            {
                _revisions[revision] = new RevisionState(revision, replicas, replicas);
            }

            foreach (var run in plan.RunsToCreate)
            {
                _runs[run.Metadata.Name] = run;
            }

            foreach (var name in plan.RunsToDelete)
            {
                _runs.Remove(name);
            }

            _now += TimeSpan.FromSeconds(1);
            if (KubernetesJson.Serialize(Model.Status) == before && plan.RunsToCreate.Count == 0)
            {
                return;
            }
        }
    }

    /// <summary>Gives every unfinished run a final phase.</summary>
    public void FinishRuns(EvaluationPhase phase, string verdict)
    {
        foreach (var run in _runs.Values.Where(r => r.Status?.Phase is null or EvaluationPhase.Pending or EvaluationPhase.Running))
        {
            run.Status = new EvaluationRunStatus { ObservedGeneration = 1, Phase = phase, Verdict = verdict, Attempts = 1 };
        }
    }

    /// <summary>The object as Argo CD reads it from the cluster.</summary>
    public JsonObject ToJson() => JsonNode.Parse(KubernetesJson.Serialize(Model))!.AsObject();

    /// <summary>Stores what an action returned, as Argo CD's patch of the object (and its status) would.</summary>
    public void Store(JsonObject changed) => Model = KubernetesJson.Deserialize<ModelDeployment>(changed.ToJsonString());
}
