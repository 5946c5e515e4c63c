using System.Net;
using System.Net.Sockets;
using System.Text;
using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Kubernetes.Tests.Hosting;

public class HealthServerTests(WidgetSandboxFixture sandbox) : IClassFixture<WidgetSandboxFixture>
{
    [Fact]
    public async Task Anything_but_a_get_of_its_three_paths_gets_a_clear_error_and_the_port_goes_on_answering()
    {
        await using var op = await StartAsync();
        using var http = new HttpClient { BaseAddress = op.HealthAddress };

        using var missing = await http.GetAsync(new Uri("/debug/pprof", UriKind.Relative));
        using var posted = await http.PostAsync(new Uri("/metrics", UriKind.Relative), new StringContent("x"));
        var garbage = await RawAsync(op.HealthAddress, "HELLO\r\n\r\n");
        var huge = await RawAsync(op.HealthAddress, "GET /healthz HTTP/1.1\r\nX-Padding: " + new string('a', 9000) + "\r\n\r\n");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("/healthz, /readyz and /metrics", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
        Assert.Equal(["GET", "HEAD"], posted.Content.Headers.Allow);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", garbage, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 431 ", huge, StringComparison.Ordinal);
        Assert.True(await Eventually.Async(async () => (await http.GetAsync(new Uri("/healthz?verbose=1", UriKind.Relative))).StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_head_request_gets_the_status_without_a_body_and_a_get_of_metrics_is_read_to_its_end()
    {
        await using var op = await StartAsync();
        using var http = new HttpClient { BaseAddress = op.HealthAddress };
        Assert.True(await Eventually.Async(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK));

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/readyz", UriKind.Relative)));
        using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var metrics = await RawAsync(op.HealthAddress, "GET /metrics HTTP/1.0\r\n\r\n");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("Healthy".Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
        Assert.StartsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n\r\n# HELP target_info", metrics, StringComparison.Ordinal);
        Assert.EndsWith("\n", metrics, StringComparison.Ordinal);
    }

    private async Task<TestOperator> StartAsync()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        return await TestOperator.StartAsync(sandbox, ns, o => o.AddController<Widget, StatusWritingReconciler>(),
            services: s => s.AddSingleton(new ReconcileLog()).AddSingleton(new ReplicaName("only")));
    }

    // What a client that is not an HTTP library sends, and all it gets back until the server closes the connection.
    private static async Task<string> RawAsync(Uri address, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
