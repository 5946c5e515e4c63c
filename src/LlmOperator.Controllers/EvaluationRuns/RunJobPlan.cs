using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>What the EvaluationRun controller must do for one run.</summary>
/// <param name="JobToCreate">A Job to create for the next attempt, if any.</param>
/// <param name="Status">Status fields to merge into the run's status, if any.</param>
/// <param name="RequeueAfter">When to look again even if nothing changes.</param>
/// <param name="Warning">A warning event to record, if any.</param>
public sealed record RunJobPlan(V1Job? JobToCreate, EvaluationRunStatus? Status, TimeSpan? RequeueAfter, string? Warning);
