namespace LlmOperator.Controllers.Common;

/// <summary>
/// The meter of the controllers' OpenTelemetry metrics (prompt decisions, finished evaluation runs); the metrics of each
/// ModelDeployment are written at each scrape instead (RolloutMetrics).
/// </summary>
internal static class ControllerMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "LlmOperator.Controllers";
}
