using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Observability;

/// <summary>
/// The chart's Grafana dashboard against what the operator really serves on /metrics: a rollout, a rollback, a prompt
/// version, a dropped watch, a failed status write and a busy work queue make every series exist, and each of the dashboard's queries
/// must name only those metrics and their labels.
/// </summary>
public sealed class GrafanaDashboardTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    [Fact]
    public async Task Every_query_of_the_grafana_dashboard_names_metrics_and_labels_the_operator_exports()
    {
        var queries = DashboardQueries();
        var scraped = new ScrapedMetrics();
        using var http = new HttpClient { BaseAddress = sandbox.HealthAddress };
        using var stop = new CancellationTokenSource();
        var scraping = ScrapeUntilAsync(http, scraped, stop.Token);
        try
        {
            using var cluster = await TestCluster.CreateAsync(sandbox, "grafana");
            await cluster.ApplyAsync(
                TestManifests.Gate(cluster.Namespace),
                TestManifests.PromptGate(cluster.Namespace),
                TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], replicas: 1));
            await cluster.WaitForHealthyAsync("chat");
            await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "support", 1, "{{ question }}", ["prompt-answers"]));
            await cluster.WaitForPhaseAsync("support-v1", PromptPhase.Active);

            // A watch closed by the API server and a status write that fails: the restarts, errors and retries have series too.
            sandbox.Server.Faults.DropWatches();
            sandbox.Server.Faults.FailNext(2, 500, pathContains: "/modeldeployments/chat/status");
            await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], ["--quality=0.5"], replicas: 1));
            await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "was rolled back");

            // Slow answers to the operator and many models at once: keys wait for a worker, so the queue has a depth.
            sandbox.Server.Faults.SetLatency(TimeSpan.FromMilliseconds(300), "llmop-operator/");
            await cluster.ApplyAsync(TestManifests.List(
                Enumerable.Range(1, 12).Select(i => TestManifests.SimulatedModel(cluster.Namespace, $"busy-{i}", [new JsonObject { ["setWeight"] = 100 }]))));

            await Eventually.True(() => queries.All(q => PromQlNames.Metrics(q.Expression).All(scraped.Names.Contains)), TimeSpan.FromSeconds(30));
        }
        finally
        {
            await stop.CancelAsync();
            await scraping;
            sandbox.Server.Faults.Clear();
        }

        Assert.True(queries.Count >= 15, $"only {queries.Count} queries in the dashboard");
        foreach (var (panel, expression) in queries)
        {
            var metrics = PromQlNames.Metrics(expression);
            Assert.True(metrics.Count > 0, $"panel '{panel}': {expression} names no metric");
            var unknown = metrics.Where(m => !scraped.Names.Contains(m)).ToList();
            Assert.True(
                unknown.Count == 0,
                $"panel '{panel}' queries {string.Join(", ", unknown)}, which the operator does not export; it exports {string.Join(", ", scraped.Names)}");
            var labels = metrics.SelectMany(scraped.LabelsOf).ToHashSet(StringComparer.Ordinal);
            var missing = PromQlNames.Labels(expression).Where(l => !labels.Contains(l)).ToList();
            Assert.True(
                missing.Count == 0,
                $"panel '{panel}' uses labels {string.Join(", ", missing)} that {string.Join(", ", metrics)} lack; they have {string.Join(", ", labels)}");
        }
    }

    // Every panel's targets and every query variable, with the panel's title (or the variable's name).
    private static List<(string Panel, string Expression)> DashboardQueries()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("charts", "llm-operator", "dashboards", "llm-operator.json")))!;
        var panels = dashboard["panels"]!.AsArray().SelectMany(p => (p!["panels"]?.AsArray() ?? []).Prepend(p));
        var targets = panels.SelectMany(p => (p!["targets"]?.AsArray() ?? []).Select(t => (p["title"]!.GetValue<string>(), t!["expr"]!.GetValue<string>())));
        var variables = dashboard["templating"]!["list"]!.AsArray().Where(v => v!["type"]!.GetValue<string>() == "query")
            .Select(v => (v!["name"]!.GetValue<string>(), v["query"]!["query"]!.GetValue<string>()));
        return [.. targets.Concat(variables)];
    }

    private static async Task ScrapeUntilAsync(HttpClient http, ScrapedMetrics scraped, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                scraped.Add(await http.GetStringAsync(new Uri(Kubernetes.Hosting.OperatorHost.MetricsPath, UriKind.Relative), cancellationToken));
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
