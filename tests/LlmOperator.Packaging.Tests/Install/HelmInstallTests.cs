using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>
/// helm install, upgrade and uninstall of the chart against the sandbox. Helm keeps its release in a Secret that it writes
/// and deletes as Kubernetes protobuf; the operator's image is swapped for one the sandbox only simulates, as this is
/// about the install, not the operator (SandboxInstallTests runs that).
/// </summary>
public sealed class HelmInstallTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Helm_installs_upgrades_and_uninstalls_the_chart_with_its_release_secret()
    {
        var ns = await sandbox.CreateNamespaceAsync("helm");
        using var kubectl = sandbox.Kubectl();
        string[] target = ["--namespace", ns, "--kubeconfig", sandbox.KubeconfigPath];
        string[] values = ["--set", "image.repository=registry.example/simulated"];

        var installed = (await Helm.RunAsync(["install", "llm-operator", Helm.Chart, .. target, .. values])).Succeeded();
        var upgraded = (await Helm.RunAsync(["upgrade", "llm-operator", Helm.Chart, .. target, .. values, "--set", "podAnnotations.upgraded=yes"])).Succeeded();
        var releases = JsonNode.Parse((await kubectl.RunAsync("get", "secrets", "-n", ns, "-l", "owner=helm,name=llm-operator", "-o", "json")).Succeeded())!;
        var deployment = JsonNode.Parse((await kubectl.RunAsync("get", "deployment", "llm-operator", "-n", ns, "-o", "json")).Succeeded())!;
        var objects = (await kubectl.RunAsync("get", "crd,clusterrole,clusterrolebinding,serviceaccount,role,rolebinding", "-n", ns, "-o", "name")).Succeeded();

        Assert.Contains("STATUS: deployed", installed, StringComparison.Ordinal);
        Assert.Contains("REVISION: 2", upgraded, StringComparison.Ordinal);
        Assert.Equal(
            [("sh.helm.release.v1.llm-operator.v1", "superseded"), ("sh.helm.release.v1.llm-operator.v2", "deployed")],
            releases["items"]!.AsArray().Select(s => (s!["metadata"]!["name"]!.GetValue<string>(), s["metadata"]!["labels"]!["status"]!.GetValue<string>())));
        Assert.Equal("helm.sh/release.v1", releases["items"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("yes", deployment["spec"]!["template"]!["metadata"]!["annotations"]!["upgraded"]!.GetValue<string>());
        foreach (var name in new[]
        {
            "customresourcedefinition.apiextensions.k8s.io/modeldeployments.llmoperator.io",
            "clusterrole.rbac.authorization.k8s.io/llm-operator",
            "clusterrolebinding.rbac.authorization.k8s.io/llm-operator",
            "serviceaccount/llm-operator",
            "role.rbac.authorization.k8s.io/llm-operator-leader-election",
        })
        {
            Assert.Contains(name, objects, StringComparison.Ordinal);
        }

        (await Helm.RunAsync(["uninstall", "llm-operator", .. target])).Succeeded();
        var left = (await kubectl.RunAsync(
            "get", "secrets,deployments,serviceaccounts", "-n", ns, "-l", "app.kubernetes.io/instance=llm-operator", "-o", "name")).Succeeded();
        var releasesLeft = (await kubectl.RunAsync("get", "secrets", "-n", ns, "-l", "owner=helm", "-o", "name")).Succeeded();

        Assert.Equal("", left + releasesLeft);
    }
}
