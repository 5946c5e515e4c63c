using System.Text.Json.Nodes;
using LlmOperator.Packaging.Tests.Install;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// argocd-cm.yaml merged into an Argo CD's own argocd-cm, both ways the READMEs give: the merge patch run as
/// written with the real kubectl against the sandbox, and the kustomize component built by kubectl kustomize.
/// The Argo CD's own keys survive either way.
/// </summary>
public sealed class ArgoCdConfigMapPatchTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Existing = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: argocd-cm
          namespace: argocd
        data:
          url: https://argocd.example.com
          resource.customizations.health.apps_Deployment: |
            return {status = "Healthy"}
        """;

    [Fact]
    public async Task The_readme_merge_patch_adds_the_health_checks_and_actions_and_keeps_every_other_key()
    {
        var command = Readme.ShellCommands().Single(c => c.StartsWith("kubectl patch configmap argocd-cm", StringComparison.Ordinal));
        using var kubectl = sandbox.Kubectl();
        const string Namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n---\n";
        (await kubectl.RunAsync(["apply", "-f", "-"], Namespace + Existing, TimeSpan.FromSeconds(60))).Succeeded();

        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(a => a == "config/argocd/argocd-cm.yaml" ? ArgoCdConfigMap.FilePath : a)
            .ToArray();
        (await kubectl.RunAsync(args)).Succeeded();

        var configMap = (await kubectl.RunAsync("get", "configmap", "argocd-cm", "-n", "argocd", "-o", "json")).Succeeded();
        AssertMerged(JsonNode.Parse(configMap)!["data"]!.AsObject());
    }

    [Fact]
    public async Task The_kustomize_component_adds_the_health_checks_and_actions_and_keeps_every_other_key()
    {
        using var dir = new TempDirectory();
        dir.Write("argocd-cm.yaml", Existing);
        dir.Write(
            "kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [argocd-cm.yaml]\n"
                + $"components: [{Path.GetRelativePath(dir.Path, ArgoCdCustomizations.Root)}]\n");
        using var kubectl = sandbox.Kubectl();

        var built = (await kubectl.RunAsync("kustomize", "--load-restrictor", "LoadRestrictionsNone", dir.Path)).Succeeded();

        var configMap = Assert.Single(Install.Manifests.Parse(built));
        Assert.Equal("argocd-cm", configMap["metadata"]!["name"]!.GetValue<string>());
        AssertMerged(configMap["data"]!.AsObject());
    }

    private static void AssertMerged(JsonObject data)
    {
        Assert.Equal("https://argocd.example.com", data["url"]!.GetValue<string>());
        Assert.Equal("return {status = \"Healthy\"}", data["resource.customizations.health.apps_Deployment"]!.GetValue<string>().TrimEnd());
        foreach (var kind in ArgoCdCustomizations.Kinds)
        {
            Assert.Equal(ArgoCdCustomizations.HealthScript(kind), data[$"resource.customizations.health.llmoperator.io_{kind}"]!.GetValue<string>());
        }

        Assert.Contains("discovery.lua", data["resource.customizations.actions.llmoperator.io_ModelDeployment"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
