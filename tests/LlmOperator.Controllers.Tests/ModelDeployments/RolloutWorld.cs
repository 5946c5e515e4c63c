using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

/// <summary>
/// A small simulated cluster for the planner: it applies each plan as the reconciler would (status
/// written, Deployments scaled and, unless told otherwise, ready at once, runs created) and lets a test
/// finish runs, move time, and edit the spec or status as users and Git do.
/// </summary>
internal sealed class RolloutWorld
{
    public const string Image = "ghcr.io/llmoperator/llmop:test";

    public RolloutWorld(ModelDeploymentSpec spec, params string[] gates)
    {
        Model = new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = "llama", NamespaceProperty = "ml", Generation = 1, Uid = "uid-llama" },
            Spec = spec,
        };
        foreach (var gate in gates)
        {
            CreateGate(gate);
        }
    }

    public ModelDeployment Model { get; }

    public Dictionary<string, EvaluationGate> Gates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RevisionState> Revisions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EvaluationRun> Runs { get; } = new(StringComparer.Ordinal);

    /// <summary>The active version of each prompt of the namespace.</summary>
    public Dictionary<string, int> ActivePromptVersions { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The pipelines built on the model, as the reconciler finds them.</summary>
    public List<LlmOperator.Controllers.Common.Dependent> Dependents { get; } = [];

    /// <summary>What the release ConfigMap keeps, as the reconciler would find it.</summary>
    public LlmOperator.Controllers.ModelDeployments.Releases.KeptRelease? Release { get; set; }

    /// <summary>The ModelDeployment spec.fallback names, as the reconciler would find it.</summary>
    public ModelDeployment? Fallback { get; set; }

    /// <summary>How many dependents' runs may be under way at once.</summary>
    public int DependentRunsAtOnce { get; set; } = LlmOperator.Controllers.Common.ControllerOptions.DefaultMaxDependentEvaluations;

    /// <summary>Whether Deployments become ready as soon as they are scaled.</summary>
    public bool PodsBecomeReady { get; set; } = true;

    /// <summary>Whether its stable and canary Services exist: made by a plan that keeps them, and kept from then on.</summary>
    public bool RolloutServicesExist { get; set; }

    /// <summary>Whether a PromptVersion or another ModelDeployment's fallback names the model.</summary>
    public bool StableAddressedElsewhere { get; set; }

    /// <summary>The pods of the model's revisions, as the reconciler observes them; adapter actions change their records.</summary>
    public List<ServerPod> Pods { get; } = [];

    /// <summary>How a pod's engine answers an adapter action: null when it does what is asked, otherwise the failure.</summary>
    public Func<AdapterAction, AdapterCallOutcome?> Engine { get; set; } = _ => null;

    public RolloutPlan? Last { get; private set; }

    public List<PlannedEvent> Events { get; } = [];

    public ModelDeploymentStatus Status => Model.Status!;

    public string Revision => LlmOperator.Controllers.ModelDeployments.Revision.Of(Model.Spec);

    /// <summary>Pods of a revision become ready, or stop being ready, between two reconciles (never more than it runs).</summary>
    public void SetReady(string revision, int ready) =>
        Revisions[revision] = Revisions[revision] with { ReadyReplicas = Math.Min(ready, Revisions[revision].Replicas) };

    /// <summary>
    /// What a newly started operator finds: the object as the API server keeps it (through JSON), its children and the
    /// gates, at the same time, and nothing of the plans before.
    /// </summary>
    public RolloutWorld Restarted()
    {
        var stored = k8s.KubernetesJson.Deserialize<ModelDeployment>(k8s.KubernetesJson.Serialize(Model));
        var world = new RolloutWorld(stored.Spec, [.. Gates.Keys])
        {
            Now = Now,
            PodsBecomeReady = PodsBecomeReady,
            RolloutServicesExist = RolloutServicesExist,
            StableAddressedElsewhere = StableAddressedElsewhere,
        };
        world.Model.Metadata.Generation = stored.Metadata.Generation;
        world.Model.Status = stored.Status;
        foreach (var (revision, state) in Revisions)
        {
            world.Revisions[revision] = state;
        }

        foreach (var (name, run) in Runs)
        {
            world.Runs[name] = k8s.KubernetesJson.Deserialize<EvaluationRun>(k8s.KubernetesJson.Serialize(run));
        }

        return world;
    }

    /// <summary>One reconcile: plan, then apply the plan as the reconciler would.</summary>
    public RolloutPlan Reconcile()
    {
        var plan = RolloutPlanner.Plan(new RolloutInputs
        {
            Model = Model,
            Revision = Revision,
            Profile = EngineProfiles.Resolve(Model.Spec, Image),
            Revisions = new Dictionary<string, RevisionState>(Revisions),
            Runs = new Dictionary<string, EvaluationRun>(Runs),
            Gates = Gates,
            ActivePromptVersions = ActivePromptVersions,
            Dependents = Dependents,
            DependentRunsAtOnce = DependentRunsAtOnce,
            Release = Release,
            Fallback = Fallback,
            Pods = [.. Pods],
            RolloutServicesExist = RolloutServicesExist,
            StableAddressedElsewhere = StableAddressedElsewhere,
            Now = Now,
        });
        Model.Status = plan.Status;
        RolloutServicesExist = plan.RolloutServices;
        foreach (var revision in Revisions.Keys.Where(r => !plan.Replicas.ContainsKey(r)).ToList())
        {
            Revisions.Remove(revision);
        }

        foreach (var (revision, replicas) in plan.Replicas)
        {
            var ready = PodsBecomeReady ? replicas : Revisions.GetValueOrDefault(revision)?.ReadyReplicas ?? 0;
            Revisions[revision] = new RevisionState(revision, replicas, Math.Min(ready, replicas));
        }

        foreach (var run in plan.RunsToCreate)
        {
            run.Metadata.CreationTimestamp = Now.UtcDateTime;
            Runs[run.Metadata.Name] = run;
        }

        foreach (var name in plan.RunsToDelete)
        {
            Runs.Remove(name);
        }

        foreach (var action in plan.AdapterActions)
        {
            Apply(action);
        }

        foreach (var gate in plan.AdapterGates)
        {
            ChangePod(gate.Pod, p => p with { GateOpen = gate.Open });
        }

        Events.AddRange(plan.Events);
        Last = plan;
        return plan;
    }

    /// <summary>A ready pod with nothing loaded, as one the Deployment just started.</summary>
    public ServerPod AddPod(string name)
    {
        var pod = new ServerPod(name, true, new Uri($"http://10.0.0.{Pods.Count + 1}:8000"), 0, new Dictionary<AdapterSlot, PodAdapterRecord>());
        Pods.Add(pod);
        return pod;
    }

    /// <summary>A pod by name.</summary>
    public ServerPod Pod(string name) => Pods.Single(p => p.Name == name);

    /// <summary>Replaces a pod with <paramref name="change"/> of it (a restart, say).</summary>
    public void ChangePod(string name, Func<ServerPod, ServerPod> change) => Pods[Pods.FindIndex(p => p.Name == name)] = change(Pod(name));

    // What the applier records for an action: the revision now served, or the failure counted against what was wanted.
    private void Apply(AdapterAction action)
    {
        var pod = Pod(action.Pod);
        var slots = new Dictionary<AdapterSlot, PodAdapterRecord>(pod.Slots);
        // Emptying a slot that serves nothing calls no engine: only its record goes.
        if ((action.Load is not null || action.Holding?.Revision is not null) && Engine(action) is { } failure)
        {
            var previous = action.Holding?.Failed;
            var attempts = previous is not null && previous.Revision == action.Load?.Revision && previous.Reason == failure.Reason ? previous.Attempts + 1 : 1;
            slots[action.Slot] = new PodAdapterRecord
            {
                Revision = action.Load is null ? action.Holding?.Revision : null,
                Restarts = action.Restarts,
                Failed = new AdapterCallFailure(action.Load?.Revision, failure.Reason!, failure.Message, attempts, Now),
            };
        }
        else if (action.Load is { } load)
        {
            slots[action.Slot] = new PodAdapterRecord { Revision = load.Revision, Restarts = action.Restarts };
        }
        else
        {
            slots.Remove(action.Slot);
        }

        ChangePod(action.Pod, p => p with { Slots = slots });
    }

    /// <summary>Reconciles until nothing changes (at most 20 times), as events would drive the real operator.</summary>
    public RolloutPlan Settle()
    {
        for (var i = 0; i < 20; i++)
        {
            var before = Model.Status is null ? "" : k8s.KubernetesJson.Serialize(Model.Status);
            var runs = Runs.Count;
            var plan = Reconcile();
            if (k8s.KubernetesJson.Serialize(Model.Status) == before && Runs.Count == runs && plan.RunsToCreate.Count == 0 && plan.AdapterActions.Count == 0
                && plan.AdapterGates.Count == 0)
            {
                return plan;
            }
        }

        return Last!;
    }

    /// <summary>Finishes every pending run with a phase and verdict.</summary>
    public void FinishRuns(EvaluationPhase phase, string verdict = "verdict", int attempts = GateRuns.MaxAttempts)
    {
        foreach (var run in Runs.Values.Where(r => r.Status?.Phase is null or EvaluationPhase.Pending or EvaluationPhase.Running or EvaluationPhase.Error))
        {
            run.Status = new EvaluationRunStatus
            {
                Phase = phase,
                Verdict = verdict,
                Attempts = attempts,
                Summary = new EvaluationSummary { PassRate = phase == EvaluationPhase.Passed ? 0.95 : 0.6 },
            };
        }
    }

    /// <summary>Creates an EvaluationGate in the namespace, as its author would with kubectl apply.</summary>
    public void CreateGate(string name) =>
        Gates[name] = new EvaluationGate { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ml" }, Spec = new EvaluationGateSpec() };

    /// <summary>A new commit: changes the spec and bumps the generation.</summary>
    public void Commit(Action<ModelDeploymentSpec> change)
    {
        change(Model.Spec);
        Model.Metadata.Generation++;
    }
}
