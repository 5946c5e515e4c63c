using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using LlmOperator.Packaging.Tests.ArgoCd;
using LlmOperator.Testing;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>
/// The chart as rendered by helm template, applied to the sandbox with the real kubectl. The sandbox runs
/// pods of the operator's image as real llmop processes, so the operator Deployment really starts
/// `llmop operator`, takes the leader election Lease in its namespace (POD_NAMESPACE) and becomes
/// Available once /readyz answers on the health port; then it serves a ModelDeployment, which Argo
/// CD's health check reads as Healthy.
/// </summary>
public sealed class SandboxInstallTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Namespace = "llm-operator-system";

    [Fact]
    public async Task The_rendered_chart_applies_and_the_operator_becomes_available_as_leader()
    {
        // The operator listens on all addresses: a free port keeps it clear of anything else on this machine.
        var rendered = (await Helm.TemplateAsync("--set", $"healthPort={FreePort()}")).Succeeded();
        using var dir = new TempDirectory();
        var file = dir.Write("install.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Namespace}\n---\n{rendered}");
        using var kubectl = sandbox.Kubectl();

        var applied = (await kubectl.RunAsync("apply", "-f", file)).Succeeded();

        foreach (var created in new[]
        {
            "customresourcedefinition.apiextensions.k8s.io/modeldeployments.llmoperator.io created",
            "serviceaccount/llm-operator created",
            "clusterrole.rbac.authorization.k8s.io/llm-operator created",
            "clusterrole.rbac.authorization.k8s.io/llm-operator-eval created",
            "clusterrole.rbac.authorization.k8s.io/llm-operator-router created",
            "clusterrolebinding.rbac.authorization.k8s.io/llm-operator created",
            "role.rbac.authorization.k8s.io/llm-operator-leader-election created",
            "rolebinding.rbac.authorization.k8s.io/llm-operator-leader-election created",
            "deployment.apps/llm-operator created",
        })
        {
            Assert.Contains(created, applied, StringComparison.Ordinal);
        }

        var wait = await kubectl.RunAsync(
            ["wait", "--for=condition=Available", "deployment/llm-operator", "-n", Namespace, "--timeout=120s"], null, TimeSpan.FromMinutes(3));
        Assert.True(wait.ExitCode == 0, wait.Error + wait.Output + await LogsAsync(kubectl));

        var holder = await Eventually.Async(async () =>
            (await kubectl.RunAsync("get", "lease", "llm-operator-leader", "-n", Namespace, "-o", "jsonpath={.spec.holderIdentity}"))
                is { ExitCode: 0, Output.Length: > 0 });
        Assert.True(holder, "the operator took no Lease in its namespace" + await LogsAsync(kubectl));
        Assert.Equal(
            "modeldeployments.llmoperator.io",
            (await kubectl.RunAsync("get", "crd", "modeldeployments.llmoperator.io", "-o", "name")).Succeeded().Trim().Split('/')[1]);

        // The installed operator serves: a hosted model (engine external, so no pods whose ports could meet
        // those of other tests) becomes stable, and Argo CD's health check reads its status as Healthy.
        var models = await sandbox.CreateNamespaceAsync("models");
        var model = dir.Write("model.yaml", HostedModel(models));
        (await kubectl.RunAsync("apply", "-f", model)).Succeeded();
        HealthResult? health = null;
        var healthy = await Eventually.Async(async () =>
        {
            var get = await kubectl.RunAsync("get", "modeldeployment", "hosted", "-n", models, "-o", "json");
            health = get.ExitCode == 0 ? ArgoCdLua.Health(ArgoCdCustomizations.HealthScript("ModelDeployment"), JsonNode.Parse(get.Output)!.AsObject()) : null;
            return health?.Status == "Healthy";
        }, TimeSpan.FromSeconds(60));
        Assert.True(healthy, $"ModelDeployment hosted reads {health}" + await LogsAsync(kubectl));
    }

    /// <summary>
    /// A hosted model (engine external, so no pods whose ports could meet those of other tests) named hosted in
    /// <paramref name="ns"/>, as YAML.
    /// </summary>
    internal static string HostedModel(string ns) => $"""
        apiVersion: llmoperator.io/v1alpha1
        kind: ModelDeployment
        metadata:
          name: hosted
          namespace: {ns}
        spec:
          model:
            name: gpt-4o-mini
          engine: external
          external:
            baseUrl: https://llm.example/v1
        """;

    /// <summary>A port free on every address of this machine, for a pod the sandbox runs as a process.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> LogsAsync(Kubectl kubectl)
    {
        var logs = await kubectl.RunAsync("logs", "deployment/llm-operator", "-n", Namespace, "--tail=40");
        return $"\noperator logs:\n{logs.Output}{logs.Error}";
    }
}
