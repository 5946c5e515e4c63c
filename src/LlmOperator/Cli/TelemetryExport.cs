using LlmOperator.Evaluation.Router;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Pipelines.Execution;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LlmOperator.Cli;

/// <summary>
/// OTLP export of the evaluation's and the pipeline router's spans and metrics, configured the standard way: it is on when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set, and the exporter reads the other OTEL_* variables itself.
/// </summary>
internal static class TelemetryExport
{
    public static IDisposable? StartIfConfigured(string serviceName)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
            .AddSource(EvaluationTelemetry.Name, PipelineTelemetry.SourceName).AddOtlpExporter().Build();
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
            .AddMeter(EvaluationTelemetry.Name, RouterMetrics.MeterName).AddOtlpExporter().Build();
        return new Both(tracing, metrics);
    }

    // Disposing flushes: spans and metrics of a short-lived Job reach the collector before it exits.
    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
