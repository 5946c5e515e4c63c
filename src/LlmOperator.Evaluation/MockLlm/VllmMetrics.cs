using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// What mock-llm exports at /metrics: the names, labels and buckets vLLM's PrometheusStatLogger uses
/// (<c>vllm:</c> metrics with <c>model_name</c> and <c>engine</c>) and the HTTP counter its API server adds
/// (<c>http_requests_total</c> by handler, method and grouped status), so that a gate's queries work the same
/// against the mock engine and a real vLLM. Time to first token is the wait for a slot plus the injected
/// latency; a mock answer has no per-token timing, so <c>vllm:time_per_output_token_seconds</c> is not exported.
/// </summary>
internal sealed class VllmMetrics(string model)
{
    /// <summary>The chat route, as vLLM's HTTP metrics name its handler.</summary>
    public const string ChatHandler = "/v1/chat/completions";

    // vLLM's buckets: time to first token, request latency (e2e and queue time), and 1-2-5 token counts up to a model length of 8192.
    private static readonly double[] FirstTokenBuckets =
        [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0];

    private static readonly double[] LatencyBuckets =
        [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];

    private static readonly double[] TokenBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    private readonly MetricHistogram _firstToken = new("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", FirstTokenBuckets);
    private readonly MetricHistogram _e2e = new("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", LatencyBuckets);
    private readonly MetricHistogram _queue = new("vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", LatencyBuckets);
    private readonly MetricHistogram _promptTokens = new("vllm:request_prompt_tokens", "Number of prefill tokens processed.", TokenBuckets);
    private readonly MetricHistogram _generationTokens = new("vllm:request_generation_tokens", "Number of generation tokens processed.", TokenBuckets);
    private readonly ConcurrentDictionary<string, long> _http = new(StringComparer.Ordinal);
    private long _running;
    private long _waiting;
    private long _succeeded;
    private long _promptTokenTotal;
    private long _generationTokenTotal;

    /// <summary>A request now waits for a slot.</summary>
    public void Waiting() => Interlocked.Increment(ref _waiting);

    /// <summary>A waiting request was abandoned by its client before it got a slot.</summary>
    public void GaveUp() => Interlocked.Decrement(ref _waiting);

    /// <summary>A waiting request got its slot after <paramref name="queued"/>.</summary>
    public void Running(TimeSpan queued)
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Increment(ref _running);
        _queue.Observe(queued.TotalSeconds);
    }

    /// <summary>A running request gave its first token <paramref name="sinceArrival"/> after it arrived.</summary>
    public void FirstToken(TimeSpan sinceArrival) => _firstToken.Observe(sinceArrival.TotalSeconds);

    /// <summary>A running request was answered, <paramref name="sinceArrival"/> after it arrived.</summary>
    public void Finished(TimeSpan sinceArrival, int promptTokens, int generationTokens)
    {
        Interlocked.Increment(ref _succeeded);
        Interlocked.Add(ref _promptTokenTotal, promptTokens);
        Interlocked.Add(ref _generationTokenTotal, generationTokens);
        _e2e.Observe(sinceArrival.TotalSeconds);
        _promptTokens.Observe(promptTokens);
        _generationTokens.Observe(generationTokens);
    }

    /// <summary>A request left its slot, answered or not.</summary>
    public void Released() => Interlocked.Decrement(ref _running);

    /// <summary>A request to <paramref name="handler"/> was answered with <paramref name="status"/>.</summary>
    public void Answered(string handler, string method, int status) =>
        _http.AddOrUpdate($"handler=\"{handler}\",method=\"{method}\",status=\"{status / 100}xx\"", 1, (_, n) => n + 1);

    /// <summary>Every metric in the text exposition format (version 0.0.4).</summary>
    public string Render()
    {
        var labels = $"model_name=\"{Escape(model)}\",engine=\"0\"";
        var text = new StringBuilder();
        Gauge(text, "vllm:num_requests_running", "Number of requests in model execution batches.", labels, Interlocked.Read(ref _running));
        Gauge(text, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", labels, Interlocked.Read(ref _waiting));
        Counter(text, "vllm:request_success_total", "Count of successfully processed requests.",
            [($"{labels},finished_reason=\"stop\"", Interlocked.Read(ref _succeeded))]);
        Counter(text, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", [(labels, Interlocked.Read(ref _promptTokenTotal))]);
        Counter(text, "vllm:generation_tokens_total", "Number of generation tokens processed.", [(labels, Interlocked.Read(ref _generationTokenTotal))]);
        _firstToken.Write(text, labels);
        _e2e.Write(text, labels);
        _queue.Write(text, labels);
        _promptTokens.Write(text, labels);
        _generationTokens.Write(text, labels);
        Counter(text, "http_requests_total", "Total number of requests by method, status and handler.",
            [.. _http.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => (h.Key, h.Value))]);
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, string labels, long value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        text.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Counter(StringBuilder text, string name, string help, IEnumerable<(string Labels, long Value)> series)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" counter\n");
        foreach (var (labels, value) in series)
        {
            text.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
