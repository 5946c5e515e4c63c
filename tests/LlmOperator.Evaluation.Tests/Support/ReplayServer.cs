using System.Net;
using System.Text;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>
/// A real HTTP server (Kestrel on a free loopback port) that replays what an engine sends, byte for byte and flushed
/// piece by piece as a streaming engine writes: so the client is tested through sockets, chunked transfer and all.
/// </summary>
internal sealed class ReplayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _bodies = [];

    private ReplayServer(WebApplication app) => _app = app;

    /// <summary>The OpenAI base URL, ending in /v1.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The request bodies received, in order.</summary>
    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    /// <summary>Starts a server that answers each request with <paramref name="answer"/>, given the request's number from 1 and its body.</summary>
    public static async Task<ReplayServer> StartAsync(Func<HttpContext, int, string, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ReplayServer(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            int number;
            lock (server._bodies)
            {
                server._bodies.Add(body);
                number = server._bodies.Count;
            }

            await answer(context, number, body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = address.TrimEnd('/') + "/v1";
        return server;
    }

    /// <summary>Answers with a status, a content type and a body, as the engine writes them.</summary>
    public static async Task Answer(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Answers 200 with an event stream, writing and flushing each piece on its own, as an engine streams tokens.</summary>
    public static async Task Stream(HttpContext context, params string[] pieces)
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var piece in pieces)
        {
            await context.Response.WriteAsync(piece, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>A client of this server's model, with retries a millisecond apart.</summary>
    public OpenAiClient Client(bool stream, int retries = 3) => new(
        new HttpClient(),
        new ModelEndpoint(Url, "m"),
        new ClientSettings(TimeSpan.FromSeconds(10), RetryPolicy.Default with { MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(1) }, 4, stream),
        new EvaluationTelemetry(),
        TimeProvider.System,
        NullLogger.Instance);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
