using k8s.Models;
using LlmOperator.Api.Graphs;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Serving;

namespace LlmOperator.Controllers.ModelDeployments.Pipelines;

/// <summary>
/// Decides whether a pipeline revision can be served, from the ModelDeployments of its namespace that it names: its
/// rules and templates compile, it calls no ModelDeployment that is missing, itself, or a pipeline that
/// leads back to it, and each component has an endpoint. Then the router configuration points at each
/// component's main endpoint, so a component's canary weight applies to the pipeline's traffic too. The ModelDeployments are
/// looked up by name as the pipeline names them, so that a reconcile reads its components rather than a copy of the namespace.
/// </summary>
internal static class PipelineResolver
{
    public static PipelineResolution Resolve(ModelDeployment pipeline, string revision, Func<string, ModelDeployment?> modelNamed)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(modelNamed);
        var spec = pipeline.Spec.Pipeline!;
        var name = pipeline.Metadata.Name;
        CompiledPipeline compiled;
        try
        {
            compiled = PipelineCompiler.Compile(spec);
        }
        catch (PipelineDefinitionException e)
        {
            return PipelineResolution.Problem("PipelineInvalid", $"spec.pipeline cannot run: {string.Join("; ", e.Errors)}.");
        }

        var cycle = CallCycle.From(name, m => modelNamed(m)?.Spec.Pipeline is { } calls ? PipelineReferences.Of(calls).ModelRefs : null);
        if (cycle is not null)
        {
            return PipelineResolution.Problem("PipelineCycle", $"The pipeline calls itself: {string.Join(" -> ", cycle)}.");
        }

        var configuration = new RouterConfiguration
        {
            Name = name,
            Namespace = pipeline.Metadata.NamespaceProperty ?? "",
            Revision = revision,
            ServedModel = pipeline.Spec.Model.ServedName ?? pipeline.Spec.Model.Name,
            Pipeline = spec,
        };
        var components = compiled.ModelRefs.Select(m => (Name: m, Model: modelNamed(m))).ToList();
        var missing = components.Where(c => c.Model is null).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            return PipelineResolution.Problem(
                "ComponentMissing",
                $"The pipeline calls {Names(missing)}, which {(missing.Count == 1 ? "is" : "are")} not a ModelDeployment "
                    + $"in namespace {configuration.Namespace}.");
        }

        var waiting = components.Where(c => c.Model!.Status?.Endpoint is null).Select(c => c.Name).ToList();
        if (waiting.Count > 0)
        {
            return PipelineResolution.Problem("ComponentNotReady", $"Waiting for {Names(waiting)} to serve: no endpoint yet.", waiting: true);
        }

        var keys = new List<V1EnvVar>();
        foreach (var (component, model) in components)
        {
            var status = model!.Status!;
            var apiKey = ModelApiKey.Of(model.Spec);
            if (apiKey is not null)
            {
                keys.Add(RouterPods.Key(component, apiKey));
            }

            configuration.Components[component] = new RouterComponent
            {
                Url = status.Endpoint!,
                Model = status.ServedModel ?? model.Spec.Model.ServedName ?? model.Spec.Model.Name,
                ApiKeyVariable = apiKey is null ? null : RouterPods.KeyVariable(component),
            };
        }

        return new PipelineResolution(configuration) { Keys = keys };
    }

    private static string Names(List<string> names) => string.Join(", ", names.Select(n => $"ModelDeployment {n}"));
}
