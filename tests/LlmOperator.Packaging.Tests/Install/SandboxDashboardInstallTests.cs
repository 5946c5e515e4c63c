using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>
/// The chart with dashboard.enabled, rendered by helm template and applied to the sandbox with the real kubectl: the
/// sandbox runs the dashboard's pod as a real <c>llmop dashboard</c> process under its own ServiceAccount, and its
/// Service answers with the pages of the namespace it shows, without actions.
/// </summary>
public sealed class SandboxDashboardInstallTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Namespace = "llm-operator-system";

    [Fact]
    public async Task The_dashboard_the_chart_installs_shows_its_namespace_read_only_through_its_service()
    {
        var models = await sandbox.CreateNamespaceAsync("models");
        // Pods are processes on this machine: free ports keep them clear of anything else on it.
        var rendered = (await Helm.TemplateAsync(
            "--set", $"healthPort={SandboxInstallTests.FreePort()}", "--set", "dashboard.enabled=true", "--set", $"dashboard.namespace={models}",
            "--set", $"dashboard.port={SandboxInstallTests.FreePort()}")).Succeeded();
        using var dir = new TempDirectory();
        var file = dir.Write("install.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Namespace}\n---\n{rendered}");
        var model = dir.Write("model.yaml", SandboxInstallTests.HostedModel(models));
        using var kubectl = sandbox.Kubectl();

        (await kubectl.RunAsync("apply", "-f", file)).Succeeded();
        (await kubectl.RunAsync("apply", "-f", model)).Succeeded();
        var wait = await kubectl.RunAsync(
            ["wait", "--for=condition=Available", "deployment/llm-operator-dashboard", "-n", Namespace, "--timeout=120s"], null, TimeSpan.FromMinutes(3));
        Assert.True(wait.ExitCode == 0, wait.Error + wait.Output + await LogsAsync(kubectl));

        var proxy = $"/api/v1/namespaces/{Namespace}/services/llm-operator-dashboard:80/proxy";
        string overview = "";
        var shown = await Eventually.Async(async () =>
        {
            var get = await kubectl.RunAsync("get", "--raw", proxy + "/");
            overview = get.Output + get.Error;
            return get.ExitCode == 0 && overview.Contains("data-name=\"hosted\"", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60));
        Assert.True(shown, $"the dashboard's overview: {overview}" + await LogsAsync(kubectl));
        Assert.Contains($"Rollouts in namespace {models}", overview, StringComparison.Ordinal);

        var rollout = (await kubectl.RunAsync("get", "--raw", proxy + "/rollouts/hosted")).Succeeded();
        Assert.Contains("hosted", rollout, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", rollout, StringComparison.Ordinal);
    }

    private static async Task<string> LogsAsync(Kubectl kubectl)
    {
        var logs = await kubectl.RunAsync("logs", "deployment/llm-operator-dashboard", "-n", Namespace, "--tail=40");
        return $"\ndashboard logs:\n{logs.Output}{logs.Error}";
    }
}
