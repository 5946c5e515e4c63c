using System.Text.Json.Nodes;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>config/argocd/argocd-cm.yaml embeds exactly the scripts in config/argocd/llmoperator.io.</summary>
public sealed class ArgoCdConfigMapTests
{
    [Fact]
    public void The_configmap_is_generated_from_the_scripts()
    {
        var expected = ArgoCdConfigMap.Render();
        if (Environment.GetEnvironmentVariable("LLMOP_REGENERATE") == "1")
        {
            File.WriteAllText(ArgoCdConfigMap.FilePath, expected);
        }

        var actual = File.Exists(ArgoCdConfigMap.FilePath) ? File.ReadAllText(ArgoCdConfigMap.FilePath) : "";
        Assert.True(expected == actual, $"config/argocd/argocd-cm.yaml is out of date: run `make argocd-cm`. It should read:\n{expected}");
    }

    [Fact]
    public void Argo_cd_reads_every_health_check_as_written()
    {
        var data = ConfigMapData();

        foreach (var kind in ArgoCdCustomizations.Kinds)
        {
            Assert.Equal(ArgoCdCustomizations.HealthScript(kind), data[$"resource.customizations.health.llmoperator.io_{kind}"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Argo_cd_reads_every_action_as_written()
    {
        var actions = YamlFile.ReadAll("actions", ConfigMapData()["resource.customizations.actions.llmoperator.io_ModelDeployment"]!.GetValue<string>())
            .Single();

        Assert.Equal(ArgoCdCustomizations.DiscoveryScript("ModelDeployment"), actions["discovery.lua"]!.GetValue<string>());
        var definitions = (actions["definitions"] as JsonArray ?? [])
            .ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!["action.lua"]!.GetValue<string>());
        Assert.Equal(ArgoCdCustomizations.ModelDeploymentActions.Order(StringComparer.Ordinal), definitions.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, script) in definitions)
        {
            Assert.Equal(ArgoCdCustomizations.ActionScript("ModelDeployment", name), script);
        }
    }

    [Fact]
    public void The_configmap_has_no_other_keys()
    {
        var expected = ArgoCdCustomizations.Kinds.Select(k => $"resource.customizations.health.llmoperator.io_{k}")
            .Append("resource.customizations.actions.llmoperator.io_ModelDeployment").Order(StringComparer.Ordinal);

        Assert.Equal(expected, ConfigMapData().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static JsonObject ConfigMapData()
    {
        var configMap = YamlFile.ReadObject(ArgoCdConfigMap.FilePath);
        Assert.Equal("ConfigMap", configMap["kind"]!.GetValue<string>());
        Assert.Equal("argocd-cm", configMap["metadata"]!["name"]!.GetValue<string>());
        return configMap["data"]!.AsObject();
    }
}
