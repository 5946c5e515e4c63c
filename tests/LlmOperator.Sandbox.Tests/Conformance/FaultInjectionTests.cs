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
