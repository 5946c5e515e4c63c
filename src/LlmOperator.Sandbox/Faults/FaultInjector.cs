using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace LlmOperator.Sandbox.Faults;

/// <summary>
/// Faults a test can inject into the sandbox: failed requests (by verb and path, a count or a share),
/// added latency, dropped watches (once or every few seconds) and a compacted watch history.
/// </summary>
public sealed class FaultInjector(ObjectStore store, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private TimeSpan _latency;
    private string? _latencyAgent;
    private readonly Dictionary<string, (int Remaining, int Code)> _serviceFailures = new(StringComparer.Ordinal);
    private ITimer? _watchDropper;

    /// <summary>Fails the next <paramref name="count"/> requests that match with <paramref name="code"/>.</summary>
    public void FailNext(int count, int code, string? verb = null, string? pathContains = null, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            _rules.Add(new FaultRule(code, count, 1, verb, pathContains, retryAfterSeconds));
        }
    }

    /// <summary>
    /// Fails a random share of matching requests with <paramref name="code"/> until <see cref="Clear"/>; with
    /// <paramref name="userAgentContains"/>, only the requests of that client (the operator's, say).
    /// </summary>
    public void FailRandomly(
        double fraction,
        int code,
        string? verb = null,
        string? pathContains = null,
        int? retryAfterSeconds = null,
        string? userAgentContains = null)
    {
        lock (_gate)
        {
            _rules.Add(new FaultRule(code, null, fraction, verb, pathContains, retryAfterSeconds, userAgentContains));
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests that pods make to a Service (through the sandbox's
    /// proxy) with <paramref name="code"/> and Retry-After: 1: a model endpoint that is unavailable for a while.
    /// </summary>
    public void FailServiceRequests(string service, string @namespace, int count, int code = 503)
    {
        lock (_gate)
        {
            _serviceFailures[$"{service}.{@namespace}"] = (count, code);
        }
    }

    /// <summary>How many requests to the Service are still to fail.</summary>
    public int ServiceFailuresLeft(string service, string @namespace)
    {
        lock (_gate)
        {
            return _serviceFailures.GetValueOrDefault($"{service}.{@namespace}").Remaining;
        }
    }

    /// <summary>The code to answer a request to <paramref name="host"/> (name.namespace[.svc...]) with, when one is due to fail.</summary>
    public int? TakeServiceFailure(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var parts = host.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        lock (_gate)
        {
            var service = $"{parts[0]}.{parts[1]}";
            if (!_serviceFailures.TryGetValue(service, out var failure) || failure.Remaining <= 0)
            {
                return null;
            }

            _serviceFailures[service] = failure with { Remaining = failure.Remaining - 1 };
            return failure.Code;
        }
    }

    /// <summary>
    /// Adds latency to every request (zero to stop); with <paramref name="userAgentContains"/>, only to that
    /// client's, for example to hang an evaluation Job (llmop-eval) on its first call.
    /// </summary>
    public void SetLatency(TimeSpan latency, string? userAgentContains = null)
    {
        lock (_gate)
        {
            (_latency, _latencyAgent) = (latency, userAgentContains);
        }
    }

    /// <summary>Closes every open watch; clients see their streams end and must re-watch.</summary>
    public void DropWatches() => store.CloseWatches();

    /// <summary>Closes every open watch every <paramref name="interval"/> until <see cref="Clear"/>.</summary>
    public void DropWatchesEvery(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var dropper = time.CreateTimer(_ => DropWatches(), null, interval, interval);
        lock (_gate)
        {
            (dropper, _watchDropper) = (_watchDropper, dropper);
        }

        dropper?.Dispose();
    }

    /// <summary>Forgets the watch history: a watch from an earlier resourceVersion gets 410 Gone.</summary>
    public void CompactHistory() => store.CompactHistory();

    /// <summary>Removes every failure rule, the Service failures, the latency and the periodic dropping of watches.</summary>
    public void Clear()
    {
        ITimer? dropper;
        lock (_gate)
        {
            _rules.Clear();
            _serviceFailures.Clear();
            (_latency, _latencyAgent) = (TimeSpan.Zero, null);
            (dropper, _watchDropper) = (_watchDropper, null);
        }

        dropper?.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    /// <summary>Delays the request, then throws the injected failure if a rule matches it.</summary>
    public async Task BeforeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        FaultRule? hit = null;
        TimeSpan latency;
        lock (_gate)
        {
            var path = http.Request.Path.Value ?? "";
            var userAgent = http.Request.Headers.UserAgent.ToString();
            latency = _latencyAgent is null || userAgent.Contains(_latencyAgent, StringComparison.Ordinal) ? _latency : TimeSpan.Zero;
            var index = _rules.FindIndex(r => (r.Verb is null || string.Equals(r.Verb, http.Request.Method, StringComparison.OrdinalIgnoreCase))
                && (r.PathContains is null || path.Contains(r.PathContains, StringComparison.Ordinal))
                && (r.UserAgentContains is null || userAgent.Contains(r.UserAgentContains, StringComparison.Ordinal))
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
