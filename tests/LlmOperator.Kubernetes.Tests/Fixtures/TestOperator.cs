using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>An operator host started in-process against the sandbox, the way llmop operator runs it.</summary>
public sealed class TestOperator : IAsyncDisposable
{
    private readonly IHost _app;
    private bool _stopped;

    private TestOperator(IHost app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public OperatorState State => Services.GetRequiredService<OperatorState>();

    public Uri HealthAddress => new($"http://127.0.0.1:{Services.GetRequiredService<HealthServer>().Port}");

    /// <summary>Builds an operator for one namespace of the sandbox with fast informers; the caller adds controllers and services.</summary>
    public static HostApplicationBuilder CreateBuilder(
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

    public static async Task<TestOperator> StartAsync(HostApplicationBuilder builder)
    {
        var app = builder.Build();
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

        _app.Dispose();
    }
}
