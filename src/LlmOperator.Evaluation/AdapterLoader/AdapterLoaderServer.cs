using System.Net;
using LlmOperator.Evaluation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>
/// <c>llmop adapter-loader</c> as an ASP.NET Core application on Kestrel: the sidecar of a pod that serves LoRA
/// adapters, which fetches https:// archives and pinned Hugging Face revisions into a directory the engine reads.
/// </summary>
public static class AdapterLoaderServer
{
    /// <summary>
    /// Builds the application; <paramref name="handler"/> replaces the handler sources are fetched with (tests give one that
    /// trusts their certificate). Start it, then read its address with MockLlmServer.Address.
    /// </summary>
    public static WebApplication Build(AdapterLoaderOptions options, Action<ILoggingBuilder>? logging = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = PodServerBuilder.Create(options.Host, options.Port, IPAddress.Loopback, logging);
        builder.Services.AddOptions<AdapterLoaderOptions>()
            .Configure(o =>
            {
                o.Host = options.Host;
                o.Port = options.Port;
                o.Directory = options.Directory;
                o.HubEndpoint = options.HubEndpoint;
                o.HubToken = options.HubToken;
                o.MaxBytes = options.MaxBytes;
                o.FetchTimeout = options.FetchTimeout;
                o.RequestTimeout = options.RequestTimeout;
            })
            .ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.Host, out _), "Host must be an IP address")
            .ValidateOnStart();
        // Sources are reached through the proxy the environment names (HTTP_PROXY, NO_PROXY), as any client in the pod;
        // the fetcher bounds each request and each fetch itself.
        builder.Services.AddSingleton(_ => new HttpClient(
            handler ?? new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout }, disposeHandler: handler is null)
        { Timeout = Timeout.InfiniteTimeSpan });
        builder.Services.AddSingleton(sp =>
            new AdapterFetcher(sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<IOptions<AdapterLoaderOptions>>().Value));
        builder.Services.AddSingleton<AdapterStore>();
        var app = builder.Build();
        app.MapAdapterLoader();
        // The directory is made, and what an interrupted fetch left removed, at start, not on the first request.
        _ = app.Services.GetRequiredService<AdapterStore>();
        return app;
    }
}
