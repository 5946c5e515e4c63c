using k8s;
using LlmOperator.Benchmarks.Runtime;
using LlmOperator.Controllers.Hosting;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// The LlmOperator controllers in this process against a sandbox, with leader election on, counting the
/// API requests of the operator's client and its reconciles. Pods of the operator's image (mock-llm,
/// evaluation Jobs) are simulated by the sandbox: the figures are the control plane's, not inference.
/// </summary>
internal sealed class ScaleOperator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScaleOperator(WebApplication app, RequestCounter requests, ReconcileTally reconciles)
    {
        _app = app;
        Requests = requests;
        Reconciles = reconciles;
    }

    public RequestCounter Requests { get; }

    public ReconcileTally Reconciles { get; }

    public static async Task<ScaleOperator> StartAsync(KubernetesClientConfiguration config, string kubeconfig, string ns, CancellationToken cancellationToken)
    {
        var requests = new RequestCounter();
        var reconciles = new ReconcileTally();
        var builder = OperatorHost.CreateBuilder(
            o =>
            {
                (o.Kubeconfig, o.HealthPort) = (kubeconfig, 0);
                o.Namespaces.Add(ns);
                o.LeaderElection.Enabled = true;
                o.LeaderElection.LeaseNamespace = ns;
            },
            o => o.AddLlmOperatorControllers(c => c.OperatorImage = "bench.invalid/llmop:0"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IKubernetes>(_ => new k8s.Kubernetes(config, new UserAgentHandler(OperatorOptions.UserAgent), requests));
        var app = OperatorHost.Build(builder);
        await app.StartAsync(cancellationToken);
        return new ScaleOperator(app, requests, reconciles);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Reconciles.Dispose();
    }
}
