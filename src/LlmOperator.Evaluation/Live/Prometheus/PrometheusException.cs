namespace LlmOperator.Evaluation.Live.Prometheus;

/// <summary>A query that got no result: the server could not be reached, failed, or refused the query itself.</summary>
/// <param name="message">What happened, naming the server.</param>
/// <param name="queryRefused">
/// Whether Prometheus refused the query as written (400 bad_data, 422 execution): asking again gives the same answer.
/// </param>
/// <param name="inner">The error underneath, if any.</param>
public sealed class PrometheusException(string message, bool queryRefused, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Whether the query itself is wrong, so that asking again would give the same answer.</summary>
    public bool QueryRefused { get; } = queryRefused;
}
