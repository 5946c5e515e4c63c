using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>Wires the runtime's traces and metrics into OpenTelemetry.</summary>
internal static class OperatorTelemetryExtensions
{
    /// <summary>
    /// Collects the runtime's meter and serves its metrics for Prometheus to scrape (see <see cref="MetricsScrape"/>). When
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set it also collects the runtime's activity source, and exports both over OTLP (the
    /// exporter then reads the other standard OTEL_* variables).
    /// </summary>
    public static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName = "llm-operator")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<MetricsScrape>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics.AddMeter(OperatorMetrics.MeterName).AddReader(sp => sp.GetRequiredService<MetricsScrape>().Reader));
        // Spans go only where they are exported: without a listener the runtime's activity source makes none.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing.AddSource(OperatorTracing.SourceName)).UseOtlpExporter();
        }

        return services;
    }
}
