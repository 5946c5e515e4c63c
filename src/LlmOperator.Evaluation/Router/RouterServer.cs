using System.Net;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Hosting;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Pipelines.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace LlmOperator.Evaluation.Router;

/// <summary>
/// llmop router as an ASP.NET Core application: serves one pipeline behind an OpenAI-compatible
/// endpoint, calling its components with retries that honour Retry-After, and exports its metrics for
/// Prometheus at /metrics.
/// </summary>
public static class RouterServer
{
    /// <summary>The path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Builds the application. Throws <see cref="PipelineDefinitionException"/> when the pipeline cannot
    /// run, before anything listens. Given the cluster's <paramref name="models"/>, it follows where each
    /// component serves; without, it calls them where the configuration says.
    /// </summary>
    public static WebApplication Build(
        RouterOptions options,
        RouterConfiguration configuration,
        Func<IServiceProvider, IPromptSource> prompts,
        IResourceClient<ModelDeployment>? models = null,
        Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(prompts);
        var compiled = PipelineCompiler.Compile(configuration.Pipeline);
        var missing = compiled.ModelRefs.Where(m => !configuration.Components.ContainsKey(m)).ToList();
        if (missing.Count > 0)
        {
            throw new PipelineDefinitionException([$"the router configuration has no endpoint for {string.Join(", ", missing)}"]);
        }

        var builder = PodServerBuilder.Create(options.Host, options.Port, IPAddress.Any, logging);
        builder.Services.AddOptions<RouterOptions>()
            .Configure(o =>
            {
                o.Host = options.Host;
                o.Port = options.Port;
                o.MaxConcurrency = options.MaxConcurrency;
                o.ComponentTimeout = options.ComponentTimeout;
                o.PromptRefresh = options.PromptRefresh;
                o.ComponentRefresh = options.ComponentRefresh;
            })
            .ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.Host, out _), "Host must be an IP address")
            .ValidateOnStart();
        builder.Services.AddLlmEvaluation();
        builder.Services.AddSingleton<RouterMetrics>();
        builder.Services.AddSingleton(sp =>
        {
            var concurrency = configuration.Pipeline.MaxConcurrency ?? options.MaxConcurrency;
            var settings = new ClientSettings(options.ComponentTimeout, RetryPolicy.Default, concurrency, Stream: false);
            // Every component the pipeline calls is in the configuration (checked above).
            var time = sp.GetRequiredService<TimeProvider>();
            var factory = sp.GetRequiredService<ModelClientFactory>();
            var components = new FollowedComponents(
                configuration, models, factory, settings, options.ComponentRefresh, time, Environment.GetEnvironmentVariable);
            var executor = new PipelineExecutor(compiled, components, prompts(sp), time);
            return new ServedPipeline(configuration, executor, concurrency);
        });
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(RouterMetrics.MeterName, EvaluationTelemetry.Name)
            .AddPrometheusExporter());
        var app = builder.Build();
        app.MapRouter();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        _ = app.Services.GetRequiredService<ServedPipeline>();
        return app;
    }
}
