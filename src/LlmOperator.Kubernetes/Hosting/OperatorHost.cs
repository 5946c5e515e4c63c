using System.Net;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>
/// The operator as a process: a generic host (ASP.NET Core's slim builder, for the health port) with
/// the runtime, OpenTelemetry, /healthz and /readyz, and a graceful stop on SIGTERM.
/// </summary>
public static class OperatorHost
{
    /// <summary>A builder with the operator registered; add controllers on <paramref name="controllers"/>'s argument.</summary>
    public static WebApplicationBuilder CreateBuilder(Action<OperatorOptions> configure, Action<OperatorBuilder>? controllers = null, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = SlimWebHost.CreateBuilder(args);
        // Telemetry first: its hosted service then starts listening before the operator's, so that no
        // measurement is lost (the work queue depth, an up-down counter, would go below zero).
        builder.Services.AddOperatorTelemetry(builder.Configuration);
        var operatorBuilder = builder.Services.AddKubernetesOperator(configure);
        controllers?.Invoke(operatorBuilder);
        // The host must wait for the graceful stop of the controllers (reconciles, then the Lease release);
        // both this and the health port come from the validated options.
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<OperatorOptions>>((host, settings) => host.ShutdownTimeout = settings.Value.ShutdownTimeout + TimeSpan.FromSeconds(10));
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<OperatorOptions>>((kestrel, settings) => kestrel.Listen(IPAddress.Any, settings.Value.HealthPort));
        return builder;
    }

    /// <summary>The path Prometheus scrapes on the health port.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Builds the application and maps /healthz, /readyz and /metrics on the health port: the OpenTelemetry metrics and then
    /// the registered <see cref="IObjectMetrics"/>, in Prometheus' text format.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapOperatorHealthChecks();
        app.MapPrometheusScrapingEndpoint(
            MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.UseMiddleware<ObjectMetricsMiddleware>(), optionsName: null);
        return app;
    }

    /// <summary>Maps /healthz (liveness) and /readyz (readiness).</summary>
    public static IEndpointRouteBuilder MapOperatorHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(OperatorHealthChecks.LiveTag) });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(OperatorHealthChecks.ReadyTag) });
        return endpoints;
    }
}
