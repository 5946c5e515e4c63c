using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Benchmarks.Router;

/// <summary>
/// What llmop router adds to a request: mock-llm answers at once, first called directly and then through
/// a router serving a one-step pipeline that calls it, both as processes of their own. Latency one
/// request at a time (p50, p99, and the difference), then throughput with 64 requests in flight.
/// </summary>
internal static class RouterBenchmark
{
    public static async Task<int> RunAsync(string llmop, int requests, int concurrency, CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory();
        using var mock = await LlmopServer.StartAsync(llmop, "mock-llm", "--port", "0", "--model", "writer");
        var configuration = new JsonObject
        {
            ["name"] = "bench",
            ["namespace"] = "bench",
            ["revision"] = "r1",
            ["servedModel"] = "bench",
            ["pipeline"] = new JsonObject
            {
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["name"] = "answer",
                    ["call"] = new JsonObject { ["modelRef"] = new JsonObject { ["name"] = "writer" } },
                }),
            },
            ["components"] = new JsonObject { ["writer"] = new JsonObject { ["url"] = new Uri(mock.Url, "v1").ToString(), ["model"] = "writer" } },
        };
        var file = folder.Write("router.json", configuration.ToJsonString());
        using var router = await LlmopServer.StartAsync(llmop, "router", "--config", file, "--port", "0", "--host", "127.0.0.1");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 });

        var targets = new[]
        {
            ("direct call of mock-llm", new Uri(mock.Url, "v1/chat/completions"), "writer"),
            ("through llmop router", new Uri(router.Url, "v1/chat/completions"), "bench"),
        };
        var rows = new List<string[]>();
        var sequential = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, url, model) in targets)
        {
            await SendManyAsync(http, url, model, 200, 8, cancellationToken);
            var latencies = new double[requests];
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await SendAsync(http, url, model, i, cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            sequential[name] = latencies;
            var wall = Stopwatch.StartNew();
            await SendManyAsync(http, url, model, requests * 5, concurrency, cancellationToken);
            var throughput = requests * 5 / wall.Elapsed.TotalSeconds;
            rows.Add(
            [
                name, Figures.Number(Percentile(latencies, 0.5), "0.00"), Figures.Number(Percentile(latencies, 0.99), "0.00"), Figures.Number(throughput),
            ]);
        }

        var direct = sequential[targets[0].Item1];
        var routed = sequential[targets[1].Item1];
        rows.Add([
            "router overhead", Figures.Number(Percentile(routed, 0.5) - Percentile(direct, 0.5), "0.00"),
            Figures.Number(Percentile(routed, 0.99) - Percentile(direct, 0.99), "0.00"), "",
        ]);
        Console.WriteLine($"Router benchmark: {requests} requests one at a time, then {requests * 5} with {concurrency} in flight; mock-llm answers at once.");
        MarkdownTable.Print(["Path", "p50 (ms)", "p99 (ms)", $"Requests/s at {concurrency}"], rows);
        KeyFigures.Record("Router", "p50 latency, one request at a time", rows[1][1] + " ms", "direct call " + rows[0][1] + " ms");
        KeyFigures.Record("Router", $"requests per second, {concurrency} in flight", rows[1][3], "direct call " + rows[0][3]);
        return 0;
    }

    private static Task SendManyAsync(HttpClient http, Uri url, string model, int count, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, token) => await SendAsync(http, url, model, i, token));

    private static async Task SendAsync(HttpClient http, Uri url, string model, int i, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Question number {i % 100} about the product?" }),
        };
        using var response = await http.PostAsJsonAsync(url, body, cancellationToken);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
