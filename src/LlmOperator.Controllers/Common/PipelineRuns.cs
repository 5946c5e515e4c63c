using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// Runs that judge a candidate (a model's canary, a prompt version) inside a pipeline built on it: the
/// pipeline executed by the evaluation with only the candidate replaced, labelled with the pipeline so
/// that a verdict can say which application it came from.
/// </summary>
internal static class PipelineRuns
{
    /// <summary>
    /// The endpoint of <paramref name="dependent"/>'s pipeline as the evaluation executes it, with components
    /// or prompt versions replaced, in it and in the pipelines it reaches them through.
    /// </summary>
    public static RunEndpoint InPipeline(
        Dependent dependent, Dictionary<string, ComponentEndpoint>? overrides = null, Dictionary<string, int>? promptVersions = null)
    {
        ArgumentNullException.ThrowIfNull(dependent);
        var pipeline = dependent.Pipeline;
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
                Inline = dependent.Inline.Count == 0 ? null : new Dictionary<string, PipelineSpec>(dependent.Inline, StringComparer.Ordinal),
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
