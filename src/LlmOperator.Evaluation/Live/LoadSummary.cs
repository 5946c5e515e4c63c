namespace LlmOperator.Evaluation.Live;

/// <summary>What the load sent while the metrics were measured.</summary>
/// <param name="Sent">Requests started.</param>
/// <param name="Failed">Requests that got no answer (an error status, a timeout).</param>
/// <param name="Skipped">Requests due while the most allowed were in flight, so not sent.</param>
public sealed record LoadSummary(int Sent, int Failed, int Skipped);
