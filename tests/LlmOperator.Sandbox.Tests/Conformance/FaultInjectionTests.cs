using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Conformance;

public class FaultInjectionTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task The_next_matching_requests_fail_with_the_given_code_then_succeed()
    {
        var ns = await sandbox.CreateNamespaceAsync("faults");
        sandbox.Server.Faults.FailNext(2, 429, verb: "GET", pathContains: $"/namespaces/{ns}/configmaps", retryAfterSeconds: 3);

        var first = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps");
        var other = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets");
        var second = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps");
        var third = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps");

        Assert.Equal(429, first.Code);
        Assert.Equal("TooManyRequests", (string)first.Body!["reason"]!);
        Assert.Equal(["3"], first.Response.Headers.GetValues("Retry-After"));
        Assert.Equal(200, other.Code);
        Assert.Equal(429, second.Code);
        Assert.Equal(200, third.Code);
    }

    [Fact]
    public async Task A_random_share_of_requests_fails_until_cleared()
    {
        var ns = await sandbox.CreateNamespaceAsync("random");
        sandbox.Server.Faults.FailRandomly(1.0, 503, pathContains: $"/namespaces/{ns}/");

        var failing = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps");
        sandbox.Server.Faults.Clear();
        var cleared = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps");

        Assert.Equal(503, failing.Code);
        Assert.Equal("ServiceUnavailable", (string)failing.Body!["reason"]!);
        Assert.Equal(200, cleared.Code);
    }

    [Fact]
    public async Task Random_failures_can_be_limited_to_the_clients_whose_user_agent_matches()
    {
        var ns = await sandbox.CreateNamespaceAsync("agent");
        sandbox.Server.Faults.FailRandomly(1.0, 500, pathContains: $"/namespaces/{ns}/", userAgentContains: "llmop-operator/");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps");
            request.Headers.UserAgent.ParseAdd("llmop-operator/1.0.0 (replica-a)");
            using var operatorResponse = await sandbox.Http.SendAsync(request);
            var other = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps");

            Assert.Equal(500, (int)operatorResponse.StatusCode);
            Assert.Equal(200, other.Code);
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }
    }

    [Fact]
    public async Task Watches_are_dropped_every_interval_until_cleared()
    {
        var ns = await sandbox.CreateNamespaceAsync("drops");
        var watch = $"/api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=60";
        sandbox.Server.Faults.DropWatchesEvery(TimeSpan.FromMilliseconds(500));
        try
        {
            // Each watch, opened at any moment, ends at the next drop instead of after its 60 seconds.
            for (var i = 0; i < 3; i++)
            {
                var ended = System.Diagnostics.Stopwatch.StartNew();
                await ReadToEndAsync(watch, TimeSpan.FromSeconds(10));
                Assert.True(ended.Elapsed < TimeSpan.FromSeconds(5), $"watch {i} lasted {ended.Elapsed}");
            }
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadToEndAsync(watch, TimeSpan.FromSeconds(2)));
    }

    private async Task ReadToEndAsync(string path, TimeSpan within)
    {
        using var cancel = new CancellationTokenSource(within);
        using var response = await sandbox.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        while (await reader.ReadLineAsync(cancel.Token) is not null)
        {
        }
    }

    [Fact]
    public async Task Added_latency_delays_every_request()
    {
        using var impatient = sandbox.CreateHttpClient(withToken: true);
        impatient.Timeout = TimeSpan.FromMilliseconds(200);
        sandbox.Server.Faults.SetLatency(TimeSpan.FromSeconds(30));
        try
        {
            await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("/api/v1/namespaces"));
        }
        finally
        {
            sandbox.Server.Faults.SetLatency(TimeSpan.Zero);
        }

        Assert.Equal(200, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, "/api/v1/namespaces")).Code);
    }

    [Fact]
    public async Task Requests_are_recorded_with_their_API_verb()
    {
        var ns = await sandbox.CreateNamespaceAsync("log");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"a"}}""");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/a");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?limit=5");

        var mine = sandbox.Server.Requests.Snapshot().Where(r => r.Path.Contains($"/namespaces/{ns}/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["create", "get", "list"], mine.Select(r => r.Verb));
        Assert.Equal([201, 200, 200], mine.Select(r => r.Status));
        Assert.Equal("?limit=5", mine[2].Query);
    }
}
