using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>
/// /healthz: the operator loop runs. /readyz: a leader (or a replica without election) has synced its
/// informers; a standby is ready too, since it is healthy and waiting.
/// </summary>
internal sealed class OperatorHealthChecks(OperatorState state)
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public HealthCheckResult Live() => state.IsRunning
        ? HealthCheckResult.Healthy("the operator loop runs")
        : HealthCheckResult.Unhealthy("the operator loop is not running", state.Failure);

    public HealthCheckResult Ready() => !state.IsRunning
        ? HealthCheckResult.Unhealthy("the operator loop is not running", state.Failure)
        : !state.IsLeading ? HealthCheckResult.Healthy("standing by")
        : state.InformersSynced ? HealthCheckResult.Healthy("leading; informers synced")
        : HealthCheckResult.Unhealthy("informers have not synced yet");
}
