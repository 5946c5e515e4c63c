using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace LlmOperator.Sandbox.Faults;

/// <summary>
/// Faults a test can inject into the sandbox: failed requests (by verb and path, a count or a share),
/// added latency, dropped watches and a compacted watch history.
/// </summary>
public sealed class FaultInjector(ObjectStore store)
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private TimeSpan _latency;

    /// <summary>Fails the next <paramref name="count"/> requests that match with <paramref name="code"/>.</summary>
    public void FailNext(int count, int code, string? verb = null, string? pathContains = null, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            _rules.Add(new FaultRule(code, count, 1, verb, pathContains, retryAfterSeconds));
        }
    }

    /// <summary>Fails a random share of matching requests with <paramref name="code"/> until <see cref="Clear"/>.</summary>
    public void FailRandomly(double fraction, int code, string? verb = null, string? pathContains = null, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            _rules.Add(new FaultRule(code, null, fraction, verb, pathContains, retryAfterSeconds));
        }
    }

    /// <summary>Adds latency to every request (zero to stop).</summary>
    public void SetLatency(TimeSpan latency)
    {
        lock (_gate)
        {
            _latency = latency;
        }
    }

    /// <summary>Closes every open watch; clients see their streams end and must re-watch.</summary>
    public void DropWatches() => store.CloseWatches();

    /// <summary>Forgets the watch history: a watch from an earlier resourceVersion gets 410 Gone.</summary>
    public void CompactHistory() => store.CompactHistory();

    /// <summary>Removes every failure rule and the latency.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _latency = TimeSpan.Zero;
        }
    }

    /// <summary>Delays the request, then throws the injected failure if a rule matches it.</summary>
    public async Task BeforeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        FaultRule? hit = null;
        TimeSpan latency;
        lock (_gate)
        {
            latency = _latency;
            var path = http.Request.Path.Value ?? "";
            var index = _rules.FindIndex(r => (r.Verb is null || string.Equals(r.Verb, http.Request.Method, StringComparison.OrdinalIgnoreCase))
                && (r.PathContains is null || path.Contains(r.PathContains, StringComparison.Ordinal))
                && (r.Fraction >= 1 || Random.Shared.NextDouble() < r.Fraction));
            if (index >= 0)
            {
                hit = _rules[index];
                if (hit.Remaining is { } remaining)
                {
                    if (remaining <= 1)
                    {
                        _rules.RemoveAt(index);
                    }
                    else
                    {
                        _rules[index] = hit with { Remaining = remaining - 1 };
                    }
                }
            }
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, http.RequestAborted).ConfigureAwait(false);
        }

        if (hit is not null)
        {
            if (hit.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            throw Statuses.Injected(hit.Code);
        }
    }
}
