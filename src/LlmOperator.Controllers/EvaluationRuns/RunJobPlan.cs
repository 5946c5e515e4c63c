using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>What the EvaluationRun controller must do for one run.</summary>
internal sealed record RunJobPlan
{
    /// <summary>Nothing to do until something changes.</summary>
    public static RunJobPlan Nothing { get; } = new();

    /// <summary>A Job to create for the current attempt, if any.</summary>
    public V1Job? JobToCreate { get; init; }

    /// <summary>The run's status to write, if it changes (the controller is its only writer).</summary>
    public EvaluationRunStatus? Status { get; init; }

    /// <summary>When to look again even if nothing changes.</summary>
    public TimeSpan? RequeueAfter { get; init; }

    /// <summary>A warning event to record about the run, if any.</summary>
    public PlannedEvent? Warning { get; init; }
}
