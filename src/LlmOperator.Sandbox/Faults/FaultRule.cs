namespace LlmOperator.Sandbox.Faults;

/// <summary>A request failure to inject: which requests, how many, and with what code.</summary>
/// <param name="Code">The HTTP status to answer with, for example 500, 429 or 409.</param>
/// <param name="Remaining">How many more matching requests fail; null for every one until cleared.</param>
/// <param name="Fraction">The share of matching requests that fail (1 for all).</param>
/// <param name="Verb">The HTTP method to match, or null for any.</param>
/// <param name="PathContains">A substring of the path to match, or null for any.</param>
/// <param name="RetryAfterSeconds">A Retry-After header to send, for 429 and 503.</param>
/// <param name="UserAgentContains">A substring of the User-Agent to match (llmop-operator, say), or null for any client.</param>
internal sealed record FaultRule(
    int Code,
    int? Remaining,
    double Fraction,
    string? Verb,
    string? PathContains,
    int? RetryAfterSeconds,
    string? UserAgentContains = null);
