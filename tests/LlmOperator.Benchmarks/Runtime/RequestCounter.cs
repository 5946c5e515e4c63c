using System.Collections.Concurrent;
using LlmOperator.Kubernetes.Telemetry;

namespace LlmOperator.Benchmarks.Runtime;

/// <summary>
/// Counts the operator's API requests client side, by kind: watch, lease GET/PUT, or the verb and the
/// resource (with its subresource), for example "PATCH modeldeployments/status".
/// </summary>
public sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

    public void Clear() => _counts.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _counts.AddOrUpdate(Classify(request), 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    private static string Classify(HttpRequestMessage request)
    {
        var method = request.Method.Method.ToUpperInvariant();
        var kind = ApiRequestKind.Of(request);
        return kind.Verb == "watch" ? "watch"
            : kind.Resource == "leases" ? $"lease {method}"
            : $"{method} {kind.Resource}";
    }
}
