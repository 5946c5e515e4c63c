using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>What to do for one PromptVersion: its status, the runs to start and remove, and the events of its decisions.</summary>
internal sealed record VersionPlan
{
    /// <summary>The status to write (a merge patch of it).</summary>
    public required PromptVersionStatus Status { get; init; }

    /// <summary>EvaluationRuns to create; the version owns them.</summary>
    public IReadOnlyList<EvaluationRun> RunsToCreate { get; init; } = [];

    /// <summary>Runs it owns that judge it against a version that no longer serves.</summary>
    public IReadOnlyList<string> RunsToDelete { get; init; } = [];

    /// <summary>Events to record on the version.</summary>
    public IReadOnlyList<PlannedEvent> Events { get; init; } = [];
}
