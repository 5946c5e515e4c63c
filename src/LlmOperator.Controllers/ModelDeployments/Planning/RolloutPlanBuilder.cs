using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Releases;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>The plan being built: a copy of the status to change, and what the reconciler will do.</summary>
internal sealed class RolloutPlanBuilder
{
    private readonly List<PlannedEvent> _events = [];
    private readonly List<EvaluationRun> _runs = [];
    private readonly List<string> _runsToDelete = [];
    private readonly List<AdapterAction> _adapterActions = [];
    private readonly List<AdapterGate> _adapterGates = [];
    private DateTimeOffset? _requeueAt;

    public RolloutPlanBuilder(RolloutInputs inputs)
    {
        Inputs = inputs;
        Status = inputs.Model.Status is { } status
            ? KubernetesJson.Deserialize<ModelDeploymentStatus>(KubernetesJson.Serialize(status))
            : new ModelDeploymentStatus();
        Status.ObservedGeneration = inputs.Model.Metadata.Generation;
    }

    public RolloutInputs Inputs { get; }

    /// <summary>The status being written.</summary>
    public ModelDeploymentStatus Status { get; }

    public ModelDeployment Model => Inputs.Model;

    public ModelDeploymentSpec Spec => Inputs.Model.Spec;

    public string Name => Inputs.Model.Metadata.Name;

    public string Namespace => Inputs.Model.Metadata.NamespaceProperty ?? "default";

    public DateTimeOffset Now => Inputs.Now;

    public IReadOnlyList<RolloutStep> Steps => Spec.Rollout?.Steps ?? [];

    public Dictionary<string, int> Replicas { get; } = new(StringComparer.Ordinal);

    public TrafficTargets? Traffic { get; set; }

    /// <summary>The release to keep, when the stable revision's is not kept yet.</summary>
    public ReleaseRecording? RecordRelease { get; set; }

    /// <summary>Why the object is Degraded, when it is: an abort, a drifted model, a missing gate.</summary>
    public (string Reason, string Message)? Degraded { get; set; }

    /// <summary>Asks to be reconciled again no later than <paramref name="when"/>.</summary>
    public void RequeueAt(DateTimeOffset when)
    {
        if (_requeueAt is null || when < _requeueAt)
        {
            _requeueAt = when;
        }
    }

    /// <summary>Records an event of what the plan does.</summary>
    public void Note(string reason, string message) => _events.Add(PlannedEvent.Normal(reason, message));

    /// <summary>Records a warning: something someone may need to act on.</summary>
    public void Warn(string reason, string message) => _events.Add(PlannedEvent.Warning(reason, message));

    /// <summary>Records an event made elsewhere.</summary>
    public void Record(PlannedEvent planned) => _events.Add(planned);

    public void CreateRun(EvaluationRun run) => _runs.Add(run);

    /// <summary>Changes what a pod serves in an adapter slot.</summary>
    public void ChangeAdapter(AdapterAction action) => _adapterActions.Add(action);

    /// <summary>Sets a pod's adapters readiness gate condition.</summary>
    public void SetAdapterGate(AdapterGate gate) => _adapterGates.Add(gate);

    /// <summary>Deletes a run whose part is done (a scheduled run whose verdict the status remembers).</summary>
    public void DeleteRun(string name) => _runsToDelete.Add(name);

    /// <summary>A run by name: one that exists, or one this plan creates.</summary>
    public EvaluationRun? Run(string name) =>
        Inputs.Runs.GetValueOrDefault(name) ?? _runs.FirstOrDefault(r => r.Metadata.Name == name);

    /// <summary>
    /// Marks the object Degraded for a problem someone must fix (a missing gate, a bad schedule, drift):
    /// the Degraded condition says <paramref name="message"/>, the phase says
    /// <paramref name="phaseMessage"/> (the same by default), and a warning is recorded when the
    /// condition does not already say it (see <see cref="DegradedCondition"/>).
    /// </summary>
    public void Degrade(string reason, string message, string? phaseMessage = null)
    {
        Degraded = (reason, message);
        Phase(RolloutPhase.Degraded, phaseMessage ?? message);
        if (!DegradedCondition.Says(Inputs.Model.Status?.Conditions, reason, message))
        {
            Warn(reason, message);
        }
    }

    /// <summary>The gate a step or schedule names, or null after marking the object Degraded (GateNotFound).</summary>
    public EvaluationGate? Gate(string name, string namedBy)
    {
        if (Inputs.Gates.TryGetValue(name, out var gate))
        {
            return gate;
        }

        Degrade("GateNotFound", $"{namedBy} names EvaluationGate {name}, which does not exist in namespace {Namespace}.");
        return null;
    }

    public void Phase(RolloutPhase phase, string message)
    {
        Status.Phase = phase;
        Status.Message = message;
    }

    /// <summary>Records the end of a rollout, newest first, within the history limit.</summary>
    public void History(RolloutResult result, string revision, string? model, string message) =>
        Prepend(Status.History ??= [], result, revision, model, message);

    /// <summary>Records the end of a rollout of an adapter (<paramref name="source"/> at <paramref name="revision"/>) in its own history.</summary>
    public void History(AdapterStatus adapter, RolloutResult result, string revision, string? source, string message) =>
        Prepend(adapter.History ??= [], result, revision, source, message);

    private void Prepend(List<RolloutHistoryEntry> history, RolloutResult result, string revision, string? model, string message)
    {
        history.Insert(0, new RolloutHistoryEntry { Revision = revision, Model = model, Result = result, Time = Now.UtcDateTime, Message = message });
        var limit = Math.Max(1, Spec.Rollout?.RevisionHistoryLimit ?? 3) + 1;
        if (history.Count > limit)
        {
            history.RemoveRange(limit, history.Count - limit);
        }
    }

    public RolloutPlan Build(IReadOnlyList<string> runsToDelete) => new()
    {
        Status = Status,
        Replicas = Replicas,
        Traffic = Traffic,
        RunsToCreate = _runs,
        RunsToDelete = [.. runsToDelete.Union(_runsToDelete, StringComparer.Ordinal)],
        Events = _events,
        RecordRelease = RecordRelease,
        AdapterActions = _adapterActions,
        AdapterGates = _adapterGates,
        RequeueAfter = _requeueAt is { } at ? (at - Now < TimeSpan.Zero ? TimeSpan.Zero : at - Now) : null,
    };
}
