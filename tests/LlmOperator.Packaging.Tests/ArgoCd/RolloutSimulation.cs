using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// A ModelDeployment driven by the operator's real rollout planner, with pods that become ready at once
/// (and, for LoRA adapters, two pods that load whatever the planner asks), and runs finished by the test, so that
/// Argo CD's actions and health checks can be tried on the statuses the operator really writes, and the
/// operator's answer to an action observed.
/// </summary>
public sealed class RolloutSimulation
{
    private const string Image = "ghcr.io/llmoperator/llmop:test";
    private readonly Dictionary<string, RevisionState> _revisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvaluationRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvaluationGate> _gates = new(StringComparer.Ordinal);
    private readonly List<ServerPod> _pods = [];
    private DateTimeOffset _now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A ModelDeployment with these steps, settled on its first (stable) revision.</summary>
    public RolloutSimulation(params RolloutStep[] steps)
        : this([], steps)
    {
    }

    /// <summary>A ModelDeployment with these LoRA adapters and steps, settled with its first revision and first adapter versions.</summary>
    public RolloutSimulation(IReadOnlyList<LoraAdapter> adapters, params RolloutStep[] steps)
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
                Adapters = adapters.Count == 0 ? null : [.. adapters],
            },
        };
        var evaluations = steps.Select(s => s.Evaluate).Concat(adapters.Select(a => a.Evaluate)).OfType<EvaluateStep>();
        foreach (var gate in evaluations.SelectMany(e => e.Gates))
        {
            _gates[gate] = new EvaluationGate { Metadata = new V1ObjectMeta { Name = gate, NamespaceProperty = "ml" }, Spec = new EvaluationGateSpec() };
        }

        if (adapters.Count > 0)
        {
            _pods.Add(new ServerPod("llama-a", true, new Uri("http://10.0.0.1:8000"), 0, new Dictionary<AdapterSlot, PodAdapterRecord>()));
            _pods.Add(new ServerPod("llama-b", true, new Uri("http://10.0.0.2:8000"), 0, new Dictionary<AdapterSlot, PodAdapterRecord>()));
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

    /// <summary>A new commit that changes the source of a LoRA adapter: a new version of it to roll out.</summary>
    public void CommitNewAdapter(string name, string source)
    {
        Model.Spec.Adapters!.Single(a => a.Name == name).Source = source;
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
                Pods = [.. _pods],
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

            foreach (var action in plan.AdapterActions)
            {
                Load(action);
            }

            _now += TimeSpan.FromSeconds(1);
            if (KubernetesJson.Serialize(Model.Status) == before && plan.RunsToCreate.Count == 0 && plan.AdapterActions.Count == 0)
            {
                return;
            }
        }
    }

    // Every engine call succeeds: the pod's slot then holds the version loaded, or nothing once unloaded.
    private void Load(AdapterAction action)
    {
        var index = _pods.FindIndex(p => p.Name == action.Pod);
        var slots = new Dictionary<AdapterSlot, PodAdapterRecord>(_pods[index].Slots);
        if (action.Load is { } load)
        {
            slots[action.Slot] = new PodAdapterRecord { Revision = load.Revision, Restarts = action.Restarts };
        }
        else
        {
            slots.Remove(action.Slot);
        }

        _pods[index] = _pods[index] with { Slots = slots };
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
