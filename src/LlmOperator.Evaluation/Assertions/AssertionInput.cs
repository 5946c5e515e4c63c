namespace LlmOperator.Evaluation.Assertions;

/// <summary>What an assertion judges: an answer and how it was obtained.</summary>
/// <param name="Output">The answer's text.</param>
/// <param name="Latency">How long the request took.</param>
/// <param name="Cost">What it cost, when known.</param>
internal sealed record AssertionInput(string Output, TimeSpan Latency, double? Cost);
