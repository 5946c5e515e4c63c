using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>
/// The README's Helm install, HA upgrade and CRD upgrade, each run as written (bash, helm and kubectl on the PATH,
/// the repository as working folder) against the sandbox, in the order a reader follows them.
/// </summary>
public sealed class ReadmeHelmInstallTests(SimulatedWorkloadsSandboxFixture sandbox) : IClassFixture<SimulatedWorkloadsSandboxFixture>
{
    private const string Namespace = "llm-operator-system";

    [Fact]
    public async Task The_readme_helm_install_ha_upgrade_and_crd_upgrade_run_as_written()
    {
        var commands = Readme.ShellCommands();
        var install = commands.Single(c => c.StartsWith("helm install ", StringComparison.Ordinal));
        var upgrade = commands.Single(c => c.StartsWith("helm upgrade ", StringComparison.Ordinal));
        var crds = commands.Single(c => c.StartsWith("kubectl apply --server-side --force-conflicts -f charts/", StringComparison.Ordinal));
        using var kubectl = sandbox.Kubectl();

        var installed = (await ReadmeShell.RunAsync(install, sandbox.KubeconfigPath)).Succeeded();
        var image = (await kubectl.RunAsync("get", "deployment", "llm-operator", "-n", Namespace, "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
            .Succeeded();
        var upgraded = (await ReadmeShell.RunAsync(upgrade, sandbox.KubeconfigPath)).Succeeded();
        var deployment = JsonNode.Parse((await kubectl.RunAsync("get", "deployment", "llm-operator", "-n", Namespace, "-o", "json")).Succeeded())!;
        var budget = (await kubectl.RunAsync("get", "pdb", "-n", Namespace)).Succeeded();
        var crdsApplied = (await ReadmeShell.RunAsync(crds, sandbox.KubeconfigPath)).Succeeded();

        Assert.Contains("STATUS: deployed", installed, StringComparison.Ordinal);
        Assert.Equal("registry.example.com/llmop:0.1.0", image);
        Assert.Contains("REVISION: 2", upgraded, StringComparison.Ordinal);
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Contains("--leader-elect", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Matches(@"NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nllm-operator\s+1\s+N/A\s+0\s+", budget);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/modeldeployments.llmoperator.io serverside-applied", crdsApplied,
            StringComparison.Ordinal);
        Assert.True(await Eventually.Async(async () =>
            (await kubectl.RunAsync("get", "deployment", "llm-operator", "-n", Namespace, "-o", "jsonpath={.status.readyReplicas}")).Output == "2"));
    }
}
