using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>
/// The operator as a process: a generic host with the runtime, OpenTelemetry, /healthz, /readyz and /metrics on the health port
/// (<see cref="HealthServer"/>), and a graceful stop on SIGTERM.
/// </summary>
public static class OperatorHost
{
    /// <summary>The path Prometheus scrapes on the health port.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>A builder with the operator registered; add controllers on <paramref name="controllers"/>'s argument.</summary>
    public static HostApplicationBuilder CreateBuilder(Action<OperatorOptions> configure, Action<OperatorBuilder>? controllers = null, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = CreateHostBuilder(args ?? []);
        // Telemetry first: its hosted service then starts listening before the operator's, so that no
        // measurement is lost (the work queue depth, an up-down counter, would go below zero).
        builder.Services.AddOperatorTelemetry(builder.Configuration);
        var operatorBuilder = builder.Services.AddKubernetesOperator(configure);
        controllers?.Invoke(operatorBuilder);
        // The host must wait for the graceful stop of the controllers (reconciles, then the Lease release).
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<OperatorOptions>>((host, settings) => host.ShutdownTimeout = settings.Value.ShutdownTimeout + TimeSpan.FromSeconds(10));
        // Last, as the web server was: the port answers once everything it reports on has started.
        builder.Services.AddSingleton(sp => new HealthServer(
            sp.GetRequiredService<IOptions<OperatorOptions>>(),
            sp.GetRequiredService<HealthCheckService>(),
            sp.GetRequiredService<MetricsScrape>(),
            sp.GetRequiredService<ILogger<HealthServer>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HealthServer>());
        return builder;
    }

    // The host's defaults without what llmop does not use, each a few assemblies loaded and compiled for nothing: appsettings.json
    // files (and a watch for them), and the debug and EventSource loggers. Settings come from the environment and the arguments,
    // logs go to the console, formatted as the Logging section of the settings says (Logging__Console__FormatterName=json).
    private static HostApplicationBuilder CreateHostBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = args });
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole();
        return builder;
    }
}
