using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>Everything the prompt planner decides from: one prompt's versions, what they own and name, what is published, and the time.</summary>
internal sealed record PromptInputs
{
    /// <summary>The prompt (spec.promptName of its versions).</summary>
    public required string PromptName { get; init; }

    /// <summary>The namespace of the prompt.</summary>
    public required string Namespace { get; init; }

    /// <summary>Every PromptVersion of the prompt in the namespace, as read; those being deleted are left out of every decision.</summary>
    public required IReadOnlyList<PromptVersion> Versions { get; init; }

    /// <summary>The EvaluationRuns each version owns, by the version's object name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EvaluationRun>> Runs { get; init; } = new Dictionary<string, IReadOnlyList<EvaluationRun>>();

    /// <summary>The EvaluationGates of the namespace, by name.</summary>
    public IReadOnlyDictionary<string, EvaluationGate> Gates { get; init; } = new Dictionary<string, EvaluationGate>();

    /// <summary>The ModelDeployments of the namespace, by name.</summary>
    public IReadOnlyDictionary<string, ModelDeployment> Models { get; init; } = new Dictionary<string, ModelDeployment>();

    /// <summary>How many runs of a candidate's dependents may be under way at once (<see cref="ControllerOptions.MaxDependentEvaluations"/>).</summary>
    public int DependentRunsAtOnce { get; init; } = ControllerOptions.DefaultMaxDependentEvaluations;

    /// <summary>The operator's ConfigMap prompt-&lt;promptName&gt;, or null when there is none.</summary>
    public V1ConfigMap? Published { get; init; }

    /// <summary>Now.</summary>
    public required DateTimeOffset Now { get; init; }
}
