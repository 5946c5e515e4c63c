using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>How tool-call assertions name the calls an answer made in their reasons.</summary>
internal static class ToolCallText
{
    private const int MaxArguments = 200;

    /// <summary>The calls as name(arguments), comma-separated; "no function" for none.</summary>
    public static string Describe(IReadOnlyList<ToolCall> calls) =>
        calls.Count == 0 ? "no function" : string.Join(", ", calls.Select(Describe));

    /// <summary>One call as name(arguments), long arguments cut short.</summary>
    public static string Describe(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments.Length <= MaxArguments ? call.Arguments : call.Arguments[..MaxArguments] + "...";
        return $"{call.Name}({arguments})";
    }
}
