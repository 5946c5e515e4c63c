using LlmOperator.Kubernetes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>An operator host started in-process against the sandbox, the way llmop operator runs it.</summary>
public sealed class TestOperator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private TestOperator(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public OperatorState State => Services.GetRequiredService<OperatorState>();

    public Uri HealthAddress
    {
        get
        {
            var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new Uri($"http://127.0.0.1:{address.Port}");
        }
    }

    /// <summary>Builds an operator for one namespace of the sandbox with fast informers; the caller adds controllers and services.</summary>
    public static WebApplicationBuilder CreateBuilder(
        WidgetSandboxFixture sandbox, string ns, Action<OperatorBuilder> controllers, Action<OperatorOptions>? configure = null) =>
        OperatorHost.CreateBuilder(
            options =>
            {
                options.Kubeconfig = sandbox.KubeconfigPath;
                options.Namespaces.Add(ns);
                options.HealthPort = 0;
                options.ShutdownTimeout = TimeSpan.FromSeconds(10);
                var fast = WidgetSandboxFixture.FastInformers;
                (options.Informers.WatchTimeout, options.Informers.IdleTimeout, options.Informers.InitialBackoff, options.Informers.MaxBackoff) =
                    (fast.WatchTimeout, fast.IdleTimeout, fast.InitialBackoff, fast.MaxBackoff);
                configure?.Invoke(options);
            },
            controllers);

    public static async Task<TestOperator> StartAsync(WebApplicationBuilder builder)
    {
        var app = OperatorHost.Build(builder);
        await app.StartAsync();
        return new TestOperator(app);
    }

    public static Task<TestOperator> StartAsync(
        WidgetSandboxFixture sandbox, string ns, Action<OperatorBuilder> controllers, Action<OperatorOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = CreateBuilder(sandbox, ns, controllers, configure);
        services?.Invoke(builder.Services);
        return StartAsync(builder);
    }

    /// <summary>Stops gracefully (as on SIGTERM).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        await _app.DisposeAsync();
    }
}
