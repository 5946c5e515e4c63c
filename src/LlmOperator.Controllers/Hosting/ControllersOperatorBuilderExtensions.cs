using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.EvaluationRuns;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.Telemetry;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace LlmOperator.Controllers.Hosting;

/// <summary>Registers the LlmOperator controllers with the operator runtime.</summary>
public static class ControllersOperatorBuilderExtensions
{
    /// <summary>
    /// Adds the ModelDeployment and EvaluationRun controllers, their validated <see cref="ControllerOptions"/>
    /// and the rollout metrics.
    /// </summary>
    public static OperatorBuilder AddLlmOperatorControllers(this OperatorBuilder builder, Action<ControllerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ControllerOptions>().Configure(o => configure?.Invoke(o)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RolloutMetrics>();
        services.TryAddScoped<ServingObjects>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(RolloutMetrics.MeterName));
        return builder
            .AddController<ModelDeployment, ModelDeploymentReconciler>(c =>
            {
                // llmop promote, abort and retry change only the status: the rollout must see them.
                c.FilterByGeneration = false;
                c.Owns<V1Deployment>().Owns<V1Service>().Owns<EvaluationRun>()
                    .Watches<EvaluationGate>(ModelsNaming)
                    .Reads<PromptVersion>();
            })
            .AddController<EvaluationRun, EvaluationRunReconciler>(c =>
            {
                // The Job writes the run's status; a status that says Error must reach the retry logic.
                c.FilterByGeneration = false;
                c.Owns<V1Job>();
            });
    }

    // A gate's change (or its creation, after a rollout waited for it) concerns the ModelDeployments that name it.
    private static IEnumerable<ObjectKey> ModelsNaming(EvaluationGate gate, SharedInformers informers) =>
        informers.Get<ModelDeployment>().Cache.List(gate.Metadata.NamespaceProperty)
            .Where(m => (m.Spec.Rollout?.Steps ?? []).Any(s => s.Evaluate?.Gates.Contains(gate.Metadata.Name) == true)
                || m.Spec.Evaluation?.Gates.Contains(gate.Metadata.Name) == true)
            .Select(ObjectKey.Of);
}
