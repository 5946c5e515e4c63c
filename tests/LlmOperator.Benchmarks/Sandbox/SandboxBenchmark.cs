using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Benchmarks.Sandbox;

/// <summary>
/// The sandbox API server's throughput, as issue 3 asks: GET, LIST of 1,000 objects and PATCH per
/// second over HTTPS, watch fan-out of 10,000 events to 10 watchers, and the memory of 10,000 stored
/// objects. Client and server share this process (and its cores), as in the operator benchmarks.
/// Usage: LlmOperator.Benchmarks sandbox [--objects 1000] [--requests 10000] [--concurrency 8]
/// [--watchers 10] [--events 10000] [--stored 10000]
/// </summary>
internal static class SandboxBenchmark
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var objects = options.Int("--objects", 1000);
        var requests = options.Int("--requests", 10_000);
        var concurrency = options.Int("--concurrency", 8);
        var watchers = options.Int("--watchers", 10);
        var events = options.Int("--events", 10_000);
        var stored = options.Int("--stored", 10_000);

        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { WatchHistorySize = Math.Max(events * 2, 50_000) });
        using var http = Client(sandbox, concurrency + watchers);
        Console.WriteLine($"Sandbox at {sandbox.Address}; {Environment.ProcessorCount} cores, .NET {Environment.Version}; client and server in one process.");
        Console.WriteLine();

        await CreateNamespaceAsync(http, "bench");
        var create = await Measure(objects, concurrency, i => Send(http, HttpMethod.Post, "/api/v1/namespaces/bench/configmaps", ConfigMap($"cm-{i}")));
        var get = await Measure(requests, concurrency, i => Send(http, HttpMethod.Get, $"/api/v1/namespaces/bench/configmaps/cm-{i % objects}"));
        var lists = Math.Max(20, requests / 50);
        var list = await Measure(lists, Math.Min(concurrency, 4), _ => Send(http, HttpMethod.Get, "/api/v1/namespaces/bench/configmaps"));
        var patch = await Measure(requests, concurrency, i => Send(
            http,
            HttpMethod.Patch,
            $"/api/v1/namespaces/bench/configmaps/cm-{i % objects}",
            new JsonObject { ["data"] = new JsonObject { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } }.ToJsonString(),
            "application/merge-patch+json"));
        var fanOut = await WatchFanOutAsync(sandbox, http, watchers, events);
        var memory = StoredMemory(sandbox, stored);

        MarkdownTable.Print(["Operation", "Count", "Concurrency", "Per second", "p50 (ms)", "p99 (ms)"],
        [
            Row("POST (create ConfigMap)", create, concurrency),
            Row("GET one object", get, concurrency),
            Row($"LIST of {objects} objects", list, Math.Min(concurrency, 4)),
            Row("PATCH (merge patch)", patch, concurrency),
        ]);
        Console.WriteLine();
        Console.WriteLine($"Watch fan-out: {events} events to each of {watchers} watchers in {fanOut.TotalSeconds:0.000} s "
            + $"({events * watchers / fanOut.TotalSeconds:0} events delivered per second, {events / fanOut.TotalSeconds:0} per watcher).");
        Console.WriteLine($"Memory: {stored} stored ConfigMaps take {memory / 1048576.0:0.0} MB of managed heap ({memory / stored:0} bytes each); "
            + $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB.");
        return 0;
    }

    private static string[] Row(string name, Measurement m, int concurrency) =>
    [
        name, m.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Figures.Number(m.Count / m.Wall.TotalSeconds), Figures.Number(m.Percentile(0.5), "0.00"),
        Figures.Number(m.Percentile(0.99), "0.00"),
    ];

    private static async Task<Measurement> Measure(int count, int concurrency, Func<int, Task> request)
    {
        var latencies = new double[count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            await request(i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        return new Measurement(count, clock.Elapsed, latencies);
    }

    private static async Task<TimeSpan> WatchFanOutAsync(SandboxServer sandbox, HttpClient http, int watchers, int events)
    {
        await CreateNamespaceAsync(http, "fanout");
        var version = JsonNode.Parse(await http.GetStringAsync("/api/v1/namespaces/fanout/configmaps"))!["metadata"]!["resourceVersion"]!.ToString();
        var received = new int[watchers];
        var readers = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
        {
            using var response = await http.GetAsync(
                $"/api/v1/namespaces/fanout/configmaps?watch=true&resourceVersion={version}&timeoutSeconds=600", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (received[w] < events && await reader.ReadLineAsync() is not null)
            {
                received[w]++;
            }
        })).ToList();
        while (sandbox.Store.SubscriptionCount < watchers)
        {
            await Task.Delay(10);
        }

        var type = sandbox.Resources.Registry.FindAnyVersion(new ResourceKey("", "configmaps"))!;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            sandbox.Resources.Create(type, "fanout", JsonNode.Parse(ConfigMap($"e-{i}"))!.AsObject(), WriteOptions.Default);
        }

        await Task.WhenAll(readers);
        return clock.Elapsed;
    }

    private static long StoredMemory(SandboxServer sandbox, int count)
    {
        var type = sandbox.Resources.Registry.FindAnyVersion(new ResourceKey("", "configmaps"))!;
        sandbox.Resources.Create(sandbox.Resources.Registry.FindAnyVersion(BuiltInResources.Namespaces)!, "",
            JsonNode.Parse("""{"metadata":{"name":"memory"}}""")!.AsObject(), WriteOptions.Default);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            sandbox.Resources.Create(type, "memory", JsonNode.Parse(ConfigMap($"m-{i}"))!.AsObject(), WriteOptions.Default);
        }

        return GC.GetTotalMemory(forceFullCollection: true) - before;
    }

    // A ConfigMap of about 600 bytes of JSON, the size of a small rendered prompt or settings map.
    private static string ConfigMap(string name) =>
        new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "llm-operator", ["llmoperator.io/model"] = "llama" },
            },
            ["data"] = new JsonObject { ["prompt.json"] = new string('x', 400) },
        }.ToJsonString();

    private static async Task CreateNamespaceAsync(HttpClient http, string name) =>
        await Send(http, HttpMethod.Post, "/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }.ToJsonString());

    private static async Task Send(HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.CopyToAsync(Stream.Null);
    }

    private static HttpClient Client(SandboxServer sandbox, int connections)
    {
        var authority = X509Certificate2.CreateFromPem(sandbox.AuthorityPem);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = connections,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 leaf && chain.Build(leaf);
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = sandbox.Address, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.Token);
        return client;
    }

    private sealed record Measurement(int Count, TimeSpan Wall, double[] Latencies)
    {
        public double Percentile(double p)
        {
            var sorted = Latencies.Order().ToArray();
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }
}
