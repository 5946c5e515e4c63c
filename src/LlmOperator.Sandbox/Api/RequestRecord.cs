namespace LlmOperator.Sandbox.Api;

/// <summary>One request the sandbox answered, for tests and benchmarks that count what clients do.</summary>
/// <param name="Time">When it arrived.</param>
/// <param name="Verb">The API verb: get, list, watch, create, update, patch, delete, deletecollection, or the HTTP method for other paths.</param>
/// <param name="Path">The path.</param>
/// <param name="Query">The query string.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="UserAgent">The client's User-Agent.</param>
/// <param name="ContentType">The body's Content-Type ("" without one): JSON, YAML, a patch type or Kubernetes protobuf.</param>
public sealed record RequestRecord(DateTimeOffset Time, string Verb, string Path, string Query, int Status, string UserAgent, string ContentType);
