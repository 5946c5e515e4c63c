using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Faults;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;
using LlmOperator.Sandbox.Workloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>
/// A running sandbox: the Kubernetes API on a loopback port with its bearer token, its store, its
/// fault injector and its request log, plus the simulated cluster behind it.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxCertificates _certificates;
    private readonly ServiceProxy _proxy;

    private SandboxServer(WebApplication app, SandboxCertificates certificates, ServiceProxy proxy, Uri address, string token)
    {
        _app = app;
        _certificates = certificates;
        _proxy = proxy;
        Address = address;
        Token = token;
    }

    /// <summary>The API's base address, https://127.0.0.1:port.</summary>
    public Uri Address { get; }

    /// <summary>The bearer token of the sandbox's admin (user kubernetes-admin in group system:masters), which its kubeconfig carries.</summary>
    public string Token { get; }

    /// <summary>The HTTP proxy that resolves Service names (name.namespace.svc) to ready pods.</summary>
    public Uri ProxyAddress => _proxy.Address;

    /// <summary>The PEM of the authority that signed the serving certificate.</summary>
    public string AuthorityPem => _certificates.AuthorityPem;

    /// <summary>The store of every object.</summary>
    public ObjectStore Store => _app.Services.GetRequiredService<ObjectStore>();

    /// <summary>The write path, for setting up state without HTTP.</summary>
    public ResourceService Resources => _app.Services.GetRequiredService<ResourceService>();

    /// <summary>Faults to inject into requests and watches.</summary>
    public FaultInjector Faults => _app.Services.GetRequiredService<FaultInjector>();

    /// <summary>The requests answered.</summary>
    public RequestLog Requests => _app.Services.GetRequiredService<RequestLog>();

    /// <summary>Starts a sandbox.</summary>
    public static async Task<SandboxServer> StartAsync(
        SandboxOptions options,
        Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var token = options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var certificates = SandboxCertificates.Create();
        var builder = SandboxWebHost.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificates.Server));
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddSandbox(options, token);
        var app = builder.Build();
        var handler = app.Services.GetRequiredService<ApiHandler>();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        handler.ServerAddress = $"{address.Host}:{address.Port}";
        CreateInitialNamespaces(app.Services.GetRequiredService<ResourceService>());
        options.Faults.ApplyTo(app.Services.GetRequiredService<FaultInjector>());

        // Pods reach Services through the proxy and the API server through kubeconfigs of their own.
        var proxy = await ServiceProxy.StartAsync(
                app.Services.GetRequiredService<ServiceResolver>(),
                app.Services.GetRequiredService<FaultInjector>(),
                cancellationToken)
            .ConfigureAwait(false);
        var environment = app.Services.GetRequiredService<SandboxEnvironment>();
        environment.ProxyAddress = proxy.Address;
        environment.ApiServer = address;
        environment.AuthorityPem = certificates.AuthorityPem;
        return new SandboxServer(app, certificates, proxy, address, token);
    }

    /// <summary>Writes a kubeconfig for this sandbox.</summary>
    public void WriteKubeconfig(string path) => Kubeconfig.Write(path, Address, Token, AuthorityPem);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _proxy.DisposeAsync().ConfigureAwait(false);
        _certificates.Dispose();
    }

    private static void CreateInitialNamespaces(ResourceService resources)
    {
        var namespaces = resources.Registry.FindAnyVersion(BuiltInResources.Namespaces)!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            resources.Create(
                namespaces,
                "",
                new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } },
                WriteOptions.Default);
        }
    }
}
