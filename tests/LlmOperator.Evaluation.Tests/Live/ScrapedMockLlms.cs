using System.Text;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>
/// A real Prometheus scraping three mock-llm servers every second as three revisions of ModelDeployment chat in
/// namespace team-a: stable (20 ms to the first token), fast (a healthy canary, 20 ms) and slow (a canary 400 ms
/// to the first token), each labelled as the chart's PodMonitor labels a pod's series. Shared by a test class.
/// </summary>
public sealed class ScrapedMockLlms : IAsyncLifetime
{
    public const string Namespace = "team-a";

    private readonly List<MockLlmHost> _servers = [];

    public PrometheusServer Prometheus { get; private set; } = null!;

    /// <summary>The base URL of each revision's mock-llm, by revision.</summary>
    public Dictionary<string, string> Urls { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var (revision, latency) in new[] { ("stable", 20), ("fast", 20), ("slow", 400) })
        {
            var server = await MockLlmHost.StartAsync(o => (o.Model, o.Latency) = ("chat", TimeSpan.FromMilliseconds(latency)));
            _servers.Add(server);
            Urls[revision] = server.Url;
        }

        Prometheus = await PrometheusServer.StartAsync(targets => $"""
              - job_name: models
                file_sd_configs:
                  - files: [{targets}]
            """);
        Prometheus.WriteTargets(PrometheusServer.Targets(Urls.Select(u => (
            new Uri(u.Value).Authority,
            (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["namespace"] = Namespace,
                [MetricContext.ModelLabel] = "chat",
                [MetricContext.RevisionLabel] = u.Key,
            }))));
        await WarmUpAsync();
        Assert.True(
            await Prometheus.HasSeriesAsync("count(vllm:request_success_total{namespace=\"team-a\"} >= 1) == 3", TimeSpan.FromSeconds(60))
                && await Prometheus.HasSeriesAsync("count_over_time(up{namespace=\"team-a\"}[1m]) >= 3", TimeSpan.FromSeconds(60)),
            "Prometheus scraped every mock-llm after it answered, three times");
    }

    // Asks each revision once, so that its counters have something.
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient();
        foreach (var url in Urls.Values)
        {
            using var body = new StringContent("""{"model":"chat","messages":[{"role":"user","content":"warm up"}]}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url + "/chat/completions", body);
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
