namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Counts the operator's requests to the Kubernetes API in llmop.api.requests, by verb and resource (like
/// client-go's rest_client_requests_total), so that what it costs the API server is read from its own metrics.
/// </summary>
internal sealed class ApiRequestMetricsHandler(OperatorMetrics metrics) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = ApiRequestKind.Of(request);
        metrics.ApiRequests.Add(1, new KeyValuePair<string, object?>("verb", kind.Verb), new KeyValuePair<string, object?>("resource", kind.Resource));
        return base.SendAsync(request, cancellationToken);
    }
}
