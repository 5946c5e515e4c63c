using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation;

/// <summary>Registers the evaluation engine.</summary>
public static class EvaluationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: its options (validated at start), telemetry, the model client factory, the
    /// dataset reader, the plan builder and the runner. A host's TimeProvider is kept if it has one.
    /// </summary>
    public static IServiceCollection AddLlmEvaluation(this IServiceCollection services, Action<EvaluationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<EvaluationOptions>().Configure(configure ?? (_ => { })).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EvaluationTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(sp => new ModelClientFactory(
            sp.GetRequiredService<IOptions<EvaluationOptions>>(),
            sp.GetRequiredService<EvaluationTelemetry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        services.TryAddSingleton(sp => new DatasetReader(sp.GetRequiredService<IOptions<EvaluationOptions>>().Value.DatasetLimits));
        services.TryAddSingleton<EvaluationPlanBuilder>();
        services.TryAddSingleton<EvaluationRunner>();
        return services;
    }
}
