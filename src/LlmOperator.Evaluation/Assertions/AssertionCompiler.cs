using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// Prepares a gate's assertions for a case: resolves the value (its own, else the case's expected for
/// the types that compare with an expected answer), renders Liquid in string values with the case's
/// variables, and checks everything that can be checked before a model is called.
/// </summary>
internal sealed class AssertionCompiler(IModelProviders providers, EmbeddingCache embeddings, TimeSpan regexTimeout)
{
    /// <summary>
    /// Compiles one assertion. A mistake in the gate throws <see cref="AssertionConfigurationException"/>;
    /// a variable the case lacks throws <see cref="TemplateException"/> (a case error).
    /// </summary>
    public async ValueTask<CompiledAssertion> CompileAsync(
        Assertion assertion,
        JsonNode? expected,
        JsonObject? variables,
        string where,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var (type, inverse) = AssertionTypes.Split(assertion.Type);
        var name = AssertionTypes.Name(assertion.Type);
        var label = $"{where} ({name})";
        if (assertion.Threshold is not null && !UsesThreshold(type))
        {
            throw new AssertionConfigurationException($"{label}: threshold has no meaning for \"{name}\"");
        }

        if (assertion.Provider is not null && type is not (AssertionType.Similar or AssertionType.LlmRubric))
        {
            throw new AssertionConfigurationException($"{label}: provider has no meaning for \"{name}\"");
        }

        var value = assertion.Value ?? (ComparesWithExpected(type) ? expected : null);
        var spec = new AssertionSpec(
            type, inverse, name, Render(value?.DeepClone(), variables, label), assertion.Threshold, assertion.Weight, assertion.Metric, label);
        return type switch
        {
            AssertionType.Regex => new RegexAssertion(spec, regexTimeout),
            AssertionType.IsJson or AssertionType.ContainsJson => new JsonAssertion(spec),
            AssertionType.Levenshtein => new LevenshteinAssertion(spec),
            AssertionType.Latency or AssertionType.Cost => new LimitAssertion(spec),
            AssertionType.Similar => new SimilarAssertion(
                spec, await providers.GetAsync(assertion.Provider, cancellationToken).ConfigureAwait(false), embeddings),
            AssertionType.LlmRubric => new LlmRubricAssertion(spec, await providers.GetAsync(assertion.Provider, cancellationToken).ConfigureAwait(false)),
            AssertionType.IsValidOpenAiToolsCall => new ValidToolsCallAssertion(spec),
            AssertionType.ToolCallF1 => new ToolCallF1Assertion(spec),
            AssertionType.ToolCall => new ToolCallAssertion(spec),
            _ => new TextAssertion(spec),
        };
    }

    /// <summary>Whether the type reads its threshold.</summary>
    public static bool UsesThreshold(AssertionType positive) => positive is AssertionType.Levenshtein or AssertionType.Latency
        or AssertionType.Cost or AssertionType.Similar or AssertionType.LlmRubric or AssertionType.ToolCallF1;

    /// <summary>Whether the type takes the case's expected answer when it has no value of its own.</summary>
    public static bool ComparesWithExpected(AssertionType positive) => positive is AssertionType.EqualTo
        or AssertionType.Contains or AssertionType.Icontains
        or AssertionType.ContainsAny or AssertionType.IcontainsAny
        or AssertionType.ContainsAll or AssertionType.IcontainsAll
        or AssertionType.StartsWith or AssertionType.Levenshtein or AssertionType.Similar;

    // String values may use the case's variables, as promptfoo renders assertion values with the test's vars.
    private static JsonNode? Render(JsonNode? value, JsonObject? variables, string label) => value switch
    {
        JsonArray array => new JsonArray([.. array.Select(item => Render(item?.DeepClone(), variables, label))]),
        JsonValue when JsonKinds.IsString(value) && IsTemplate(value.GetValue<string>()) =>
            JsonValue.Create(RenderText(value.GetValue<string>(), variables, label)),
        _ => value,
    };

    private static string RenderText(string text, JsonObject? variables, string label)
    {
        Func<JsonObject?, string> render;
        try
        {
            render = LiquidSandbox.Compile(text, $"{label} value");
        }
        catch (TemplateException e)
        {
            throw new AssertionConfigurationException(e.Message);
        }

        return render(variables);
    }

    private static bool IsTemplate(string text) => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);
}
