using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LlmOperator.Kubernetes.Telemetry;
using LlmOperator.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace LlmOperator.Kubernetes.Tests.Hosting;

public class OtlpExportTests
{
    [Fact]
    public async Task Spans_are_exported_over_otlp_when_the_endpoint_is_set()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var paths = new ConcurrentQueue<string>();
        var receiving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    paths.Enqueue(context.Request.Url!.AbsolutePath);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }
            }
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddOperatorTelemetry(configuration);
        await using (var provider = services.BuildServiceProvider())
        {
            var tracing = provider.GetRequiredService<TracerProvider>();
            using (OperatorTracing.Source.StartActivity("reconcile Widget"))
            {
            }

            tracing.ForceFlush();
            Assert.True(await Eventually.True(() => paths.Contains("/v1/traces")), string.Join(", ", paths));
        }

        listener.Stop();
        await receiving;
    }

    [Fact]
    public void Without_an_endpoint_nothing_is_exported()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddOperatorTelemetry(configuration);

        Assert.DoesNotContain(services, d => d.ServiceType.FullName?.Contains("Otlp", StringComparison.Ordinal) == true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
