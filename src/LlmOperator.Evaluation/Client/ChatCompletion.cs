namespace LlmOperator.Evaluation.Client;

/// <summary>The answer of a chat completion and how it was obtained.</summary>
/// <param name="Content">The answer's text.</param>
/// <param name="Model">The model the server says answered.</param>
/// <param name="FinishReason">Why generation stopped, for example stop or length.</param>
/// <param name="Usage">Tokens and cost.</param>
/// <param name="Latency">From sending the successful request to the end of its answer.</param>
/// <param name="TimeToFirstToken">From sending the request to the first content, when streamed.</param>
/// <param name="Attempts">Requests sent, 1 plus retries.</param>
public sealed record ChatCompletion(
    string Content,
    string? Model,
    string? FinishReason,
    TokenUsage Usage,
    TimeSpan Latency,
    TimeSpan? TimeToFirstToken,
    int Attempts);
