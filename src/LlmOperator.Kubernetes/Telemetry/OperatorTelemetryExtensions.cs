using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>Wires the runtime's traces and metrics into OpenTelemetry, and the controllers' meters into its metrics.</summary>
public static class OperatorTelemetryExtensions
{
    // The name OpenTelemetry's IMetricsListener registers under.
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// Collects the runtime's meter and serves its metrics for Prometheus to scrape (see <see cref="MetricsScrape"/>). When
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set it also collects the runtime's activity source, and exports both over OTLP (the
    /// exporter then reads the other standard OTEL_* variables).
    /// </summary>
    internal static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName = "llm-operator")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<MetricsScrape>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics.AddReader(sp => sp.GetRequiredService<MetricsScrape>().Reader));
        services.AddOperatorMeter(OperatorMetrics.MeterName);
        // Spans go only where they are exported: without a listener the runtime's activity source makes none.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing.AddSource(OperatorTracing.SourceName)).UseOtlpExporter();
        }

        return services;
    }

    /// <summary>
    /// Exports the meter <paramref name="meterName"/> of this host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> alone. A
    /// provider's AddMeter listens by name to every meter in the process: where several hosts share one (the tests), a host's provider
    /// took another's instruments of the same name as its own, and reported nothing once that host was gone.
    /// </summary>
    public static IServiceCollection AddOperatorMeter(this IServiceCollection services, string meterName) =>
        services.AddMetrics(metrics => metrics.EnableMetrics(meterName, instrumentName: null, OpenTelemetryListener, MeterScope.Local));
}
