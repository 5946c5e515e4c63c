using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>
/// What a pipeline's spec names, fallbacks and judges included, each sorted: read without compiling, so
/// that a pipeline that does not compile can still be placed in the graph of calls.
/// </summary>
/// <param name="ModelRefs">The ModelDeployments it may call.</param>
/// <param name="PromptNames">The prompts it renders.</param>
public sealed record PipelineReferences(IReadOnlyList<string> ModelRefs, IReadOnlyList<string> PromptNames)
{
    /// <summary>The references of a spec.</summary>
    public static PipelineReferences Of(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var calls = spec.Steps.SelectMany(Calls).ToList();
        var targets = calls.Select(c => (c.ModelRef, c.PromptRef))
            .Concat(calls.SelectMany(c => c.Fallback ?? []).Select(f => (f.ModelRef, f.PromptRef)))
            .ToList();
        return new PipelineReferences(
            [.. targets.Select(t => t.ModelRef.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. targets.Select(t => t.PromptRef?.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    private static IEnumerable<PipelineCall> Calls(PipelineStep step) =>
        [
            .. step.Call is null ? [] : new[] { step.Call },
            .. (step.Switch ?? []).Select(c => c.Call).OfType<PipelineCall>(),
            .. step.Ensemble?.Calls ?? [],
            .. step.Ensemble?.Judge is null ? [] : new[] { step.Ensemble.Judge },
        ];
}
