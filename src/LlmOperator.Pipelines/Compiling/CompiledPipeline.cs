using System.Text.Json.Nodes;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>A pipeline whose rules and templates compiled and whose steps read only earlier steps.</summary>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Output">The output template, or null for the last step's answer.</param>
/// <param name="Timeout">How long one request may take, if bounded.</param>
public sealed record CompiledPipeline(IReadOnlyList<CompiledStep> Steps, Func<JsonObject?, string>? Output, TimeSpan? Timeout)
{
    /// <summary>Every ModelDeployment the pipeline may call, fallbacks and judges included, sorted.</summary>
    public IReadOnlyList<string> ModelRefs => [.. Targets().Select(t => t.ModelRef).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Every prompt the pipeline renders, sorted.</summary>
    public IReadOnlyList<string> PromptNames =>
        [.. Targets().Select(t => t.PromptName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private IEnumerable<CompiledTarget> Targets() => Steps.SelectMany(s => Calls(s.Action)).SelectMany(c => c.Targets);

    private static IEnumerable<CompiledCall> Calls(StepAction action) => action switch
    {
        CallAction call => [call.Call],
        SwitchAction choice => choice.Cases.Select(c => c.Call).OfType<CompiledCall>(),
        EnsembleAction ensemble => ensemble.Judge is null ? ensemble.Calls : [.. ensemble.Calls, ensemble.Judge],
        _ => [],
    };
}
