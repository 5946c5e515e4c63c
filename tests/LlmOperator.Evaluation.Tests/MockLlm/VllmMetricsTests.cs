using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.MockLlm;

/// <summary>mock-llm's /metrics: vLLM's names, labels and buckets, counted from what it really answered.</summary>
public sealed partial class VllmMetricsTests
{
    private static readonly HttpClient Http = new();

    private static async Task<HttpStatusCode> ChatAsync(string url, string model = "tiny", bool stream = false)
    {
        var body = $$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hello there, model"}]}""";
        using var response = await Http.PostAsync(url + "/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();
        return response.StatusCode;
    }

    private static async Task<string> MetricsAsync(string url) => await Http.GetStringAsync(url.Replace("/v1", "/metrics", StringComparison.Ordinal));

    // The value of the one sample whose name and labels are given exactly as exposed.
    private static double Sample(string metrics, string series)
    {
        var line = metrics.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Answers_count_as_vLLM_counts_them_with_its_names_and_the_model_name_label()
    {
        await using var server = await MockLlmHost.StartAsync(o => o.Model = "tiny");
        Assert.Equal(HttpStatusCode.OK, await ChatAsync(server.Url));
        Assert.Equal(HttpStatusCode.OK, await ChatAsync(server.Url, stream: true));

        var metrics = await MetricsAsync(server.Url);

        const string Labels = "model_name=\"tiny\",engine=\"0\"";
        Assert.Equal(2, Sample(metrics, $"vllm:request_success_total{{{Labels},finished_reason=\"stop\"}}"));
        Assert.Equal(2, Sample(metrics, $"vllm:time_to_first_token_seconds_count{{{Labels}}}"));
        Assert.Equal(2, Sample(metrics, $"vllm:e2e_request_latency_seconds_count{{{Labels}}}"));
        Assert.Equal(2, Sample(metrics, $"vllm:request_queue_time_seconds_count{{{Labels}}}"));
        Assert.Equal(10, Sample(metrics, $"vllm:prompt_tokens_total{{{Labels}}}"));
        Assert.Equal(16, Sample(metrics, $"vllm:generation_tokens_total{{{Labels}}}"));
        Assert.Equal(2, Sample(metrics, $"vllm:request_generation_tokens_bucket{{{Labels},le=\"10.0\"}}"));
        Assert.Equal(0, Sample(metrics, $"vllm:request_generation_tokens_bucket{{{Labels},le=\"5.0\"}}"));
        Assert.Equal(0, Sample(metrics, $"vllm:num_requests_running{{{Labels}}}"));
        Assert.Equal(0, Sample(metrics, $"vllm:num_requests_waiting{{{Labels}}}"));
        Assert.Equal(2, Sample(metrics, "http_requests_total{handler=\"/v1/chat/completions\",method=\"POST\",status=\"2xx\"}"));
        Assert.Contains("# TYPE vllm:time_to_first_token_seconds histogram\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE vllm:request_success_total counter\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected_latency_shows_in_the_time_to_first_token_buckets()
    {
        await using var server = await MockLlmHost.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(350));
        // The server's first answer also compiles its code, which on a loaded machine can take it past 0.5 s; the
        // buckets are read around a second one.
        await ChatAsync(server.Url, "m");
        var before = await MetricsAsync(server.Url);
        await ChatAsync(server.Url, "m");
        var after = await MetricsAsync(server.Url);
        double Counted(string series) => Sample(after, series) - Sample(before, series);

        // 350 ms lands above the 0.25 bucket and within 0.5 (vLLM's buckets), and the whole request above 0.3: away from the
        // buckets' bounds, as a timer may fire a little early.
        Assert.Equal(0, Counted("vllm:time_to_first_token_seconds_bucket{model_name=\"mock-llm\",engine=\"0\",le=\"0.25\"}"));
        Assert.Equal(1, Counted("vllm:time_to_first_token_seconds_bucket{model_name=\"mock-llm\",engine=\"0\",le=\"0.5\"}"));
        Assert.Equal(1, Counted("vllm:time_to_first_token_seconds_bucket{model_name=\"mock-llm\",engine=\"0\",le=\"+Inf\"}"));
        Assert.Equal(0, Counted("vllm:e2e_request_latency_seconds_bucket{model_name=\"mock-llm\",engine=\"0\",le=\"0.3\"}"));
    }

    [Fact]
    public async Task Injected_errors_count_as_5xx_answers_and_never_as_successes()
    {
        await using var server = await MockLlmHost.StartAsync(o => o.ErrorRate = 1);
        Assert.Equal(HttpStatusCode.InternalServerError, await ChatAsync(server.Url));
        Assert.Equal(HttpStatusCode.InternalServerError, await ChatAsync(server.Url));

        var metrics = await MetricsAsync(server.Url);

        Assert.Equal(2, Sample(metrics, "http_requests_total{handler=\"/v1/chat/completions\",method=\"POST\",status=\"5xx\"}"));
        Assert.Equal(0, Sample(metrics, "vllm:request_success_total{model_name=\"mock-llm\",engine=\"0\",finished_reason=\"stop\"}"));
        Assert.DoesNotContain("status=\"2xx\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_beyond_max_running_wait_and_show_as_waiting_until_a_slot_frees()
    {
        await using var server = await MockLlmHost.StartAsync(o => (o.MaxRunning, o.Latency) = (1, TimeSpan.FromSeconds(2)));
        var first = ChatAsync(server.Url);
        var second = ChatAsync(server.Url);

        var seen = await Testing.Eventually.Async(async () =>
        {
            var metrics = await MetricsAsync(server.Url);
            return Sample(metrics, "vllm:num_requests_running{model_name=\"mock-llm\",engine=\"0\"}") == 1
                && Sample(metrics, "vllm:num_requests_waiting{model_name=\"mock-llm\",engine=\"0\"}") == 1;
        }, TimeSpan.FromSeconds(10));
        await Task.WhenAll(first, second);
        var after = await MetricsAsync(server.Url);

        Assert.True(seen, "one request ran and one waited");
        Assert.Equal(0, Sample(after, "vllm:num_requests_waiting{model_name=\"mock-llm\",engine=\"0\"}"));
        // The second waited for the first's 2 s: its queue time is above vLLM's 1.5 s bucket.
        Assert.Equal(1, Sample(after, "vllm:request_queue_time_seconds_bucket{model_name=\"mock-llm\",engine=\"0\",le=\"1.5\"}"));
    }

    [Fact]
    public async Task Every_line_of_the_exposition_is_a_comment_or_a_sample_in_the_text_format()
    {
        await using var server = await MockLlmHost.StartAsync();
        await ChatAsync(server.Url);

        var lines = (await MetricsAsync(server.Url)).TrimEnd('\n').Split('\n');

        Assert.All(lines, line => Assert.Matches(ExpositionLine(), line));
    }

    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)+\} [-+0-9.eEInfNa]+)$""")]
    private static partial Regex ExpositionLine();
}
