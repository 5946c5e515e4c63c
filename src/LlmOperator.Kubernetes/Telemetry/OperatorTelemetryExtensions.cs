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
    /// Collects the runtime's activity source and meter, serves the metrics for Prometheus to scrape (see
    /// <see cref="Hosting.OperatorHost.Build"/>), and exports both over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT
    /// is set (the exporter then reads the other standard OTEL_* variables).
    /// </summary>
    public static IServiceCollection AddOperatorTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName = "llm-operator")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(OperatorTracing.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(OperatorMetrics.MeterName).AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
