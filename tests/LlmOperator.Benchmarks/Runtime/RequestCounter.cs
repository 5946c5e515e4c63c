using System.Collections.Concurrent;

namespace LlmOperator.Benchmarks.Runtime;

/// <summary>Counts the operator's API requests by kind (watch, list, lease, other), client side.</summary>
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
        var uri = request.RequestUri!;
        return uri.Query.Contains("watch=true", StringComparison.Ordinal) ? "watch"
            : uri.AbsolutePath.Contains("/leases/", StringComparison.Ordinal) ? $"lease {request.Method.Method.ToUpperInvariant()}"
            : $"{request.Method.Method.ToUpperInvariant()} {uri.AbsolutePath}";
    }
}
