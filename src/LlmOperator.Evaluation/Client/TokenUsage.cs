namespace LlmOperator.Evaluation.Client;

/// <summary>Tokens a call used and what it cost; each is null when the server did not say and nothing priced it.</summary>
/// <param name="PromptTokens">Tokens of the request.</param>
/// <param name="CompletionTokens">Tokens of the answer.</param>
/// <param name="Cost">The cost, as the server reported it or as priced from the tokens.</param>
public sealed record TokenUsage(long? PromptTokens, long? CompletionTokens, double? Cost)
{
    /// <summary>No usage reported.</summary>
    public static TokenUsage None { get; } = new(null, null, null);
}
