using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>Builds and runs single assertions the way a gate would.</summary>
internal static class Specs
{
    public static AssertionSpec Of(AssertionType type, JsonNode? value = null, double? threshold = null, double weight = 1, string? metric = null)
    {
        var (positive, inverse) = AssertionTypes.Split(type);
        return new AssertionSpec(positive, inverse, AssertionTypes.Name(type), value, threshold, weight, metric, "case \"c\" assert[0]");
    }

    public static AssertionOutcome Judge(CompiledAssertion assertion, string output, double latencyMs = 100, double? cost = null) =>
        assertion.EvaluateAsync(new AssertionInput(output, TimeSpan.FromMilliseconds(latencyMs), cost, [], null), CancellationToken.None)
            .AsTask()
            .GetAwaiter()
            .GetResult();

    /// <summary>Judges an answer that called functions, after a request that offered <paramref name="tools"/>.</summary>
    public static AssertionOutcome JudgeCalls(CompiledAssertion assertion, IReadOnlyList<ToolCall> calls, JsonArray? tools = null) =>
        assertion.EvaluateAsync(new AssertionInput("", TimeSpan.FromMilliseconds(100), null, calls, tools), CancellationToken.None)
            .AsTask()
            .GetAwaiter()
            .GetResult();

    public static AssertionOutcome Text(AssertionType type, JsonNode? value, string output) => Judge(new TextAssertion(Of(type, value)), output);
}
