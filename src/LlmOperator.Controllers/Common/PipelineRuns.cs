using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// Runs that judge a candidate (a model's canary, a prompt version) inside a pipeline built on it: the
/// pipeline executed by the evaluation with only the candidate replaced, labelled with the pipeline so
/// that a verdict can say which application it came from.
/// </summary>
internal static class PipelineRuns
{
    /// <summary>The endpoint of <paramref name="pipeline"/> as the evaluation executes it, with components or prompt versions replaced.</summary>
    public static RunEndpoint InPipeline(
        ModelDeployment pipeline, Dictionary<string, ComponentEndpoint>? overrides = null, Dictionary<string, int>? promptVersions = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new RunEndpoint
        {
            Url = pipeline.Status?.Endpoint
                ?? ModelEndpoints.Service(pipeline.Metadata.NamespaceProperty ?? "", ModelDeploymentNames.MainService(pipeline.Metadata.Name), "/v1"),
            Model = pipeline.Spec.Model.ServedName ?? pipeline.Spec.Model.Name,
            Revision = pipeline.Status?.StableRevision,
            Pipeline = new RunPipeline
            {
                Name = pipeline.Metadata.Name,
                Spec = pipeline.Spec.Pipeline!,
                Overrides = overrides,
                PromptVersions = promptVersions,
            },
        };
    }

    /// <summary>Marks a run as judging inside <paramref name="pipeline"/>.</summary>
    public static EvaluationRun Label(EvaluationRun run, string pipeline)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Metadata.Labels[WellKnownLabels.Pipeline] = pipeline;
        return run;
    }

    /// <summary>The pipeline a run judged inside, or null for a run of the candidate alone.</summary>
    public static string? PipelineOf(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Metadata.Labels?.TryGetValue(WellKnownLabels.Pipeline, out var pipeline) == true ? pipeline : null;
    }
}
