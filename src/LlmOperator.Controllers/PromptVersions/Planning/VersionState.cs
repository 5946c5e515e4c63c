using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>One version while its plan is made: the object as read, a copy of its status to change, and what to do for it.</summary>
internal sealed class VersionState
{
    public VersionState(PromptVersion version)
    {
        Object = version;
        Status = version.Status is { } status
            ? KubernetesJson.Deserialize<PromptVersionStatus>(KubernetesJson.Serialize(status))
            : new PromptVersionStatus();
        Status.ObservedGeneration = version.Metadata.Generation;
        Status.ContentHash = PromptContentHash.Of(version.Spec);
        // Until the plan decides, a version keeps what its conditions say about it.
        Reason = Conditions.Find(Status.Conditions, ConditionTypes.Ready)?.Reason ?? "Pending";
        Problem = Conditions.Find(Status.Conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded
            ? (degraded.Reason, degraded.Message ?? "")
            : null;
    }

    /// <summary>The version as read.</summary>
    public PromptVersion Object { get; }

    public PromptVersionSpec Spec => Object.Spec;

    public string Name => Object.Metadata.Name;

    public int Version => Spec.Version;

    /// <summary>The phase the version had when it was read.</summary>
    public PromptPhase? Was => Object.Status?.Phase;

    /// <summary>The status being written.</summary>
    public PromptVersionStatus Status { get; }

    /// <summary>Why the version is in its phase, in one word: the reason of its Ready condition.</summary>
    public string Reason { get; set; }

    /// <summary>What someone must fix, when something must be: the Degraded condition.</summary>
    public (string Reason, string Message)? Problem { get; set; }

    /// <summary>Whether it served once: a version that passed its gates can serve again without a new run.</summary>
    public bool ServedBefore => Status.ActivatedAt is not null;

    public List<EvaluationRun> RunsToCreate { get; } = [];

    public List<string> RunsToDelete { get; } = [];

    public List<PlannedEvent> Events { get; } = [];
}
