using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Controllers.Hosting;
using LlmOperator.Evaluation.Gates.Status;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// A sandbox with the CRDs and the operator running in this process against it, as llmop sandbox runs it, but as the
/// chart installs it: under its ServiceAccount (llm-operator-system/llm-operator), bound to the ClusterRole and the
/// leader election Role of config/rbac, which the sandbox enforces; so a call the operator's RBAC does not allow fails
/// the tests as it would fail a cluster.
/// </summary>
public class OperatorSandboxFixture : InstalledSandboxFixture
{
    /// <summary>The operator's namespace, where its ServiceAccount and its leader election Lease live.</summary>
    public const string OperatorNamespace = "llm-operator-system";

    private static readonly string[] OperatorRbac =
        ["service_account.yaml", "role.yaml", "role_binding.yaml", "leader_election_role.yaml", "leader_election_role_binding.yaml"];

    private IHost? _operator;

    /// <summary>The operator's health port (/healthz, /readyz, /metrics) on the loopback address.</summary>
    public Uri HealthAddress => new($"http://127.0.0.1:{_operator!.Services.GetRequiredService<HealthServer>().Port}");

    /// <summary>A kubeconfig with a token of the operator's ServiceAccount.</summary>
    public string OperatorKubeconfigPath => Path.Combine(Path.GetDirectoryName(KubeconfigPath)!, "operator.kubeconfig");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ManifestApplier.Apply(
            Server.Resources,
            [new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = OperatorNamespace } }]);
        ManifestApplier.Apply(Server.Resources, OperatorRbac.Select(file => RepositoryPaths.Combine("config", "rbac", file)));
        var token = await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new k8s.Models.Authenticationv1TokenRequest { Spec = new k8s.Models.V1TokenRequestSpec { Audiences = [] } }, "llm-operator", OperatorNamespace);
        Sandbox.Hosting.Kubeconfig.Write(OperatorKubeconfigPath, Server.Address, token.Status.Token, Server.AuthorityPem);
        var builder = OperatorHost.CreateBuilder(
            options =>
            {
                options.Kubeconfig = OperatorKubeconfigPath;
                options.HealthPort = 0;
                options.ShutdownTimeout = TimeSpan.FromSeconds(5);
                options.LeaderElection.LeaseNamespace = OperatorNamespace;
                Configure(options);
            },
            controllers => controllers.AddLlmOperatorControllers().AddEvaluationGateStatus());
        ConfigureServices(builder.Services);
        _operator = builder.Build();
        await _operator.StartAsync();
    }

    /// <summary>Changes the operator's options before it starts.</summary>
    protected virtual void Configure(OperatorOptions options)
    {
    }

    /// <summary>Replaces services of the operator (its clock, say) before it starts.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Stops the operator as a pod's termination would, ending its watches; the sandbox keeps running.</summary>
    public async Task StopOperatorAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            _operator.Dispose();
            _operator = null;
        }
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await StopOperatorAsync();
        await base.DisposeAsync();
    }
}
