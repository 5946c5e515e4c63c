using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.EvaluationRuns;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Pipelines;
using LlmOperator.Controllers.ModelDeployments.Releases;
using LlmOperator.Controllers.PromptVersions;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmOperator.Controllers.Hosting;

/// <summary>Registers the LlmOperator controllers with the operator runtime.</summary>
public static class ControllersOperatorBuilderExtensions
{
    /// <summary>
    /// Adds the ModelDeployment, PromptVersion and EvaluationRun controllers, their validated
    /// <see cref="ControllerOptions"/> and the rollout, prompt and evaluation run metrics.
    /// </summary>
    public static OperatorBuilder AddLlmOperatorControllers(this OperatorBuilder builder, Action<ControllerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ControllerOptions>().Configure(o => configure?.Invoke(o)).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<OperatorOptions>(o => o.Informers.CompactModelObjects());
        services.TryAddSingleton<RolloutMetrics>();
        services.AddSingleton<IObjectMetrics>(sp => sp.GetRequiredService<RolloutMetrics>());
        services.AddTermMemory<EvaluationsInFlight>();
        var callers = new PipelineCallers();
        services.AddSingleton(callers).AddTermMemory<PipelineCallers>();
        services.TryAddScoped<ServingObjects>();
        services.TryAddSingleton(_ => new LoraAdapterClient(LoraAdapterClient.DirectToPods()));
        services.TryAddSingleton(_ => new AdapterLoaderClient(LoraAdapterClient.DirectToPods()));
        services.TryAddScoped<PodAdapters>();
        services.TryAddScoped<PodReadinessGates>();
        services.TryAddScoped<ReleaseRecorder>();
        services.TryAddScoped<OwnedRuns>();
        services.TryAddSingleton<PromptMetrics>();
        services.TryAddSingleton<EvaluationRunMetrics>();
        services.TryAddScoped<PromptPublisher>();
        services.AddOperatorMeter(ControllerMeter.Name);
        return builder
            .AddController<ModelDeployment, ModelDeploymentReconciler>(c =>
            {
                // llmop promote, abort and retry change only the status: the rollout must see them.
                c.FilterByGeneration = false;
                c.Owns<V1Deployment>().Owns<V1Service>().Owns<EvaluationRun>()
                    .Watches<EvaluationGate>(ModelsNaming)
                    .Watches<ModelDeployment>(callers.Of)
                    .Watches<ModelDeployment>(ModelsFallingBackOn)
                    // Naming a model as a fallback, or a prompt version of it, makes it keep its stable Service.
                    .Watches<ModelDeployment>(FallbackNamed)
                    .Watches<V1ConfigMap>(ModelDeploymentNames.ReleaseSelector, ReleaseKeptFor)
                    // A pod that becomes ready, restarts, or gets an adapter recorded: what it serves may change.
                    .Watches<V1Pod>(ServerPod.Selector, ModelOfPod)
                    .Watches<PromptVersion>(ModelOfVersion);
            })
            .AddController<PromptVersion, PromptVersionReconciler>(c =>
            {
                // Each version's reconcile plans its whole prompt, so any change of a version (its status, its
                // deletion) makes every version of the same prompt decide again. That watch sees status-only
                // changes too, so generation filtering of the primary kind can stay on.
                c.Owns<EvaluationRun>()
                    .Watches<PromptVersion>(VersionsOfTheSamePrompt)
                    .Watches<ModelDeployment>(VersionsWaitingOn)
                    .Watches<EvaluationGate>(VersionsNaming)
                    .Watches<V1ConfigMap>(PromptVersionNames.PublishedSelector, VersionsPublishedIn);
            })
            // Its own status writes are the only ones: a run changes through its Jobs, and its retries are requeued.
            // ModelDeployments are read for the API keys a Job may need.
            .AddController<EvaluationRun, EvaluationRunReconciler>(c => c.Owns<V1Job>().Reads<ModelDeployment>());
    }

    private static IEnumerable<ObjectKey> ModelOfPod(V1Pod pod, SharedInformers informers) =>
        ModelDeploymentNames.Label(pod, WellKnownLabels.Model) is { } model ? [new ObjectKey(pod.Metadata.NamespaceProperty, model)] : [];

    private static IEnumerable<ObjectKey> ReleaseKeptFor(V1ConfigMap configMap, SharedInformers informers) =>
        configMap.Metadata.Labels?.TryGetValue(WellKnownLabels.ReleaseOf, out var model) == true
            ? [new ObjectKey(configMap.Metadata.NamespaceProperty, model)]
            : [];

    private static IEnumerable<ObjectKey> VersionsOfTheSamePrompt(PromptVersion version, SharedInformers informers) =>
        VersionsOf(informers, version.Metadata.NamespaceProperty, version.Spec.PromptName);

    private static IEnumerable<ObjectKey> VersionsPublishedIn(V1ConfigMap configMap, SharedInformers informers) =>
        configMap.Metadata.Labels is { } labels && labels.TryGetValue(WellKnownLabels.Prompt, out var prompt)
            ? VersionsOf(informers, configMap.Metadata.NamespaceProperty, prompt)
            : [];

    // A model's stable endpoint concerns the versions that may still need it: a candidate waits for it and is
    // evaluated on it, the active version publishes it. Superseded and Rejected versions decide nothing from it.
    private static IEnumerable<ObjectKey> VersionsWaitingOn(ModelDeployment model, SharedInformers informers) =>
        informers.Get<PromptVersion>().Cache.ListIndexed(CacheIndexes.ByModel, ObjectKey.Of(model))
            .Where(v => v.Status?.Phase is not (PromptPhase.Superseded or PromptPhase.Rejected))
            .Select(ObjectKey.Of);

    // A gate's change, or its creation after a version waited for it.
    private static IEnumerable<ObjectKey> VersionsNaming(EvaluationGate gate, SharedInformers informers) =>
        informers.Get<PromptVersion>().Cache.List(gate.Metadata.NamespaceProperty)
            .Where(v => v.Spec.Gates?.Contains(gate.Metadata.Name) == true)
            .Select(ObjectKey.Of);

    private static IEnumerable<ObjectKey> VersionsOf(SharedInformers informers, string? ns, string promptName) =>
        informers.Get<PromptVersion>().Cache.List(ns).Where(v => v.Spec.PromptName == promptName).Select(ObjectKey.Of);

    // A fallback's change (its phase, its endpoint, its own fallback) concerns the ModelDeployments that name it.
    private static IEnumerable<ObjectKey> ModelsFallingBackOn(ModelDeployment fallback, SharedInformers informers) =>
        informers.Get<ModelDeployment>().Cache.ListIndexed(CacheIndexes.ByFallback, ObjectKey.Of(fallback)).Select(ObjectKey.Of);

    private static IEnumerable<ObjectKey> FallbackNamed(ModelDeployment model, SharedInformers informers) =>
        model.Spec.Fallback is { } fallback ? [new ObjectKey(model.Metadata.NamespaceProperty, fallback.ModelRef.Name)] : [];

    private static IEnumerable<ObjectKey> ModelOfVersion(PromptVersion version, SharedInformers informers) =>
        [new ObjectKey(version.Metadata.NamespaceProperty, version.Spec.ModelRef.Name)];

    // A gate's change (or its creation, after a rollout waited for it) concerns the ModelDeployments that name it.
    private static IEnumerable<ObjectKey> ModelsNaming(EvaluationGate gate, SharedInformers informers) =>
        informers.Get<ModelDeployment>().Cache.List(gate.Metadata.NamespaceProperty)
            .Where(m => ModelGates.Of(m.Spec).Contains(gate.Metadata.Name, StringComparer.Ordinal))
            .Select(ObjectKey.Of);
}
