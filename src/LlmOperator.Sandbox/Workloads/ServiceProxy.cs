using System.Net;
using LlmOperator.Sandbox.Faults;
using LlmOperator.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// An HTTP forward proxy through which pod processes (and tests) reach Services by their cluster
/// names: the proxy resolves the Service to a ready pod's loopback address and streams the exchange
/// both ways (server-sent events included). Other hosts are reached directly.
/// </summary>
internal sealed class ServiceProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    });

    private ServiceProxy(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The proxy's address, for HTTP_PROXY.</summary>
    public Uri Address { get; }

    /// <summary>Starts the proxy on a free loopback port.</summary>
    public static async Task<ServiceProxy> StartAsync(ServiceResolver resolver, FaultInjector faults, CancellationToken cancellationToken)
    {
        var builder = SandboxWebHost.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        var app = builder.Build();
        var address = new Uri("http://127.0.0.1");
        ServiceProxy? proxy = null;
        app.Run(http => proxy!.ForwardAsync(http, resolver, faults));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        proxy = new ServiceProxy(app, address);
        return proxy;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext http, ServiceResolver resolver, FaultInjector faults)
    {
        var host = http.Request.Host;
        if (faults.TakeServiceFailure(host.Host) is { } injected)
        {
            http.Response.StatusCode = injected;
            http.Response.Headers.RetryAfter = "1";
            await http.Response.WriteAsync($"proxy: injected {injected}", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        Uri target;
        try
        {
            target = resolver.Resolve(host.Host, host.Port ?? 80) ?? new Uri($"http://{host.Host}:{host.Port ?? 80}");
        }
        catch (ServiceUnavailableException e)
        {
            http.Response.StatusCode = 503;
            await http.Response.WriteAsync(e.Message, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(target, http.Request.Path + http.Request.QueryString));
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
        }

        foreach (var (name, values) in http.Request.Headers)
        {
            if (!HopByHop.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            http.Response.StatusCode = 502;
            await http.Response.WriteAsync($"proxy: {target.Authority}: {e.Message}", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    http.Response.Headers[name] = values.ToArray();
                }
            }

            await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
