using LlmOperator.Evaluation.Assertions;

namespace LlmOperator.Evaluation.Running;

/// <summary>One run of one case on one endpoint (one repeat): the answer and how it was judged, or the error.</summary>
/// <param name="Repeat">Which repeat, from 1.</param>
/// <param name="Output">The answer, or null when there was none.</param>
/// <param name="Score">How the answer did on the assertions, or null for an error.</param>
/// <param name="Assertions">Each assertion's outcome.</param>
/// <param name="LatencyMs">The successful request's latency in milliseconds.</param>
/// <param name="TimeToFirstTokenMs">Milliseconds to the first streamed token.</param>
/// <param name="PromptTokens">Tokens of the request.</param>
/// <param name="CompletionTokens">Tokens of the answer.</param>
/// <param name="Cost">What the request cost.</param>
/// <param name="Requests">Requests sent for the answer, retries included.</param>
/// <param name="Error">Why there is no verdict for this answer, or null.</param>
public sealed record AttemptResult(
    int Repeat,
    string? Output,
    CaseScore? Score,
    IReadOnlyList<AssertionOutcome> Assertions,
    double? LatencyMs,
    double? TimeToFirstTokenMs,
    long? PromptTokens,
    long? CompletionTokens,
    double? Cost,
    int Requests,
    string? Error)
{
    /// <summary>Whether the answer was judged and passed every assertion.</summary>
    public bool Passed => Error is null && Score is { Pass: true };

    /// <summary>An attempt that ended in an error before or during judging.</summary>
    public static AttemptResult Failure(int repeat, string error, string? output = null, int requests = 0, double? latencyMs = null) =>
        new(repeat, output, null, [], latencyMs, null, null, null, null, requests, error);
}
