namespace LlmOperator.Evaluation.MockLlm;

/// <summary>A scripted failure for the next request: an HTTP status, with a Retry-After when set.</summary>
/// <param name="Status">The status to answer with, for example 429 or 500.</param>
/// <param name="RetryAfterSeconds">The Retry-After header in seconds, or null for none.</param>
internal sealed record MockFault(int Status, int? RetryAfterSeconds = null);
