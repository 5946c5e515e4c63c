using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>The README's kustomize install, run as written against a sandbox of its own (it installs the same names as Helm).</summary>
public sealed class ReadmeKustomizeInstallTests(SimulatedWorkloadsSandboxFixture sandbox) : IClassFixture<SimulatedWorkloadsSandboxFixture>
{
    [Fact]
    public async Task The_readme_kustomize_install_runs_as_written_and_the_operator_deployment_becomes_available()
    {
        var command = Readme.ShellCommands().Single(c => c.StartsWith("kubectl apply --server-side -k ", StringComparison.Ordinal));
        using var kubectl = sandbox.Kubectl();

        var applied = (await ReadmeShell.RunAsync(command, sandbox.KubeconfigPath)).Succeeded();
        var wait = await kubectl.RunAsync(
            ["wait", "--for=condition=Available", "deployment/llm-operator", "-n", "llm-operator-system", "--timeout=60s"], null, TimeSpan.FromMinutes(2));

        foreach (var created in new[]
        {
            "namespace/llm-operator-system serverside-applied",
            "customresourcedefinition.apiextensions.k8s.io/modeldeployments.llmoperator.io serverside-applied",
            "clusterrole.rbac.authorization.k8s.io/llm-operator-eval serverside-applied",
            "deployment.apps/llm-operator serverside-applied",
        })
        {
            Assert.Contains(created, applied, StringComparison.Ordinal);
        }

        Assert.Equal(0, wait.ExitCode);
    }
}
