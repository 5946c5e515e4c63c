using System.Collections.Concurrent;

namespace LlmOperator.Benchmarks.Runtime;

/// <summary>
/// Counts the operator's API requests client side, by kind: watch, lease GET/PUT, or the verb and the
/// resource (with its subresource), for example "PATCH modeldeployments/status".
/// </summary>
public sealed class RequestCounter : DelegatingHandler
{
    private static readonly HashSet<string> WriteMethods = new(StringComparer.Ordinal) { "POST", "PUT", "PATCH", "DELETE" };
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

    public void Clear() => _counts.Clear();

    /// <summary>Every request counted so far.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>The writes among them (POST, PUT, PATCH, DELETE), leaving out lease renewals, which are the election's own heartbeat.</summary>
    public IReadOnlyDictionary<string, int> Writes() =>
        _counts.Where(p => WriteMethods.Contains(p.Key.Split(' ')[0])).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _counts.AddOrUpdate(Classify(request), 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    private static string Classify(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var method = request.Method.Method.ToUpperInvariant();
        var resource = Resource(uri.AbsolutePath);
        return uri.Query.Contains("watch=true", StringComparison.Ordinal) ? "watch"
            : resource == "leases" ? $"lease {method}"
            : $"{method} {resource}";
    }

    // /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]] or /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME[/SUB]]:
    // the resource and subresource, without names, so that 10,000 objects make one key, not 10,000.
    private static string Resource(string path)
    {
        var segments = path.Trim('/').Split('/');
        var rest = segments[0] == "api" ? segments[2..] : segments.Length > 3 ? segments[3..] : [];
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            rest = rest[2..];
        }

        return rest.Length switch
        {
            0 => path,
            > 2 => $"{rest[0]}/{rest[2]}",
            _ => rest[0],
        };
    }
}
