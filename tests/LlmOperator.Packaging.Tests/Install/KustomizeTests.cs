using System.Text.Json.Nodes;
using LlmOperator.Packaging.Tests.ArgoCd;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>
/// `kubectl kustomize config/default` (kubectl's built-in kustomize) builds the same install as the chart
/// with default values: the same objects, RBAC rules, bindings and pod spec, so the two cannot drift.
/// Labels differ by design (Helm's own labels); only the selector labels must agree.
/// </summary>
public sealed class KustomizeTests
{
    [Fact]
    public async Task Kustomize_builds_the_objects_of_the_chart_plus_the_namespace()
    {
        var (kustomize, chart) = await BothAsync();

        Assert.Equal(
            chart.Select(Manifests.Key).Append("Namespace//llm-operator-system").Order(StringComparer.Ordinal),
            kustomize.Select(Manifests.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rbac_rules_and_bindings_are_the_same()
    {
        var (kustomize, chart) = await BothAsync();

        foreach (var expected in chart.Where(o => o["kind"]!.GetValue<string>() is "ClusterRole" or "Role" or "ClusterRoleBinding" or "RoleBinding"))
        {
            var actual = kustomize.Single(o => Manifests.Key(o) == Manifests.Key(expected));
            foreach (var field in new[] { "rules", "roleRef", "subjects" })
            {
                Assert.Equal([], JsonComparison.Differences(expected[field], actual[field]).Select(d => $"{Manifests.Key(expected)} {field}{d}").ToArray());
            }
        }
    }

    [Fact]
    public async Task The_deployment_runs_the_same_pod()
    {
        var (kustomize, chart) = await BothAsync();
        var expected = Manifests.Find(chart, "Deployment", "llm-operator");
        var actual = Manifests.Find(kustomize, "Deployment", "llm-operator");

        Assert.Equal([], JsonComparison.Differences(expected["spec"]!["replicas"], actual["spec"]!["replicas"]).ToArray());
        Assert.Equal([], JsonComparison.Differences(expected["spec"]!["selector"], actual["spec"]!["selector"]).ToArray());
        Assert.Equal([], JsonComparison.Differences(expected["spec"]!["template"]!["spec"], actual["spec"]!["template"]!["spec"]).ToArray());
        var labels = actual["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(actual["spec"]!["selector"]!["matchLabels"]!.AsObject(), l => Assert.Equal(l.Value!.GetValue<string>(), labels[l.Key]?.GetValue<string>()));
    }

    [Fact]
    public async Task The_crds_are_the_same()
    {
        var (kustomize, chart) = await BothAsync();

        foreach (var expected in chart.Where(o => o["kind"]!.GetValue<string>() == "CustomResourceDefinition"))
        {
            var actual = kustomize.Single(o => Manifests.Key(o) == Manifests.Key(expected));
            Assert.Equal([], JsonComparison.Differences(expected["spec"], actual["spec"]).ToArray());
        }
    }

    [Fact]
    public async Task The_namespace_enforces_the_restricted_pod_security_standard()
    {
        var (kustomize, _) = await BothAsync();

        var ns = Manifests.Find(kustomize, "Namespace", "llm-operator-system");
        Assert.Equal("restricted", ns["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>());
        Assert.All(
            kustomize.Where(o => o["metadata"]!["namespace"] is not null),
            o => Assert.Equal("llm-operator-system", o["metadata"]!["namespace"]!.GetValue<string>()));
    }

    private static async Task<(IReadOnlyList<JsonObject> Kustomize, IReadOnlyList<JsonObject> Chart)> BothAsync()
    {
        var kustomize = await Tool.RunAsync(Kubectl.Binary, "kustomize", RepositoryPaths.Combine("config", "default"));
        return (Manifests.Parse(kustomize.Succeeded()), await Helm.RenderAsync());
    }
}
