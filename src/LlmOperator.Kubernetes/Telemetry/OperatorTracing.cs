using System.Diagnostics;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>The runtime's traces: a span per reconcile, from the activity source <see cref="SourceName"/>.</summary>
internal static class OperatorTracing
{
    /// <summary>The name of the activity source.</summary>
    public const string SourceName = "LlmOperator.Kubernetes";

    /// <summary>The activity source spans start from.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
