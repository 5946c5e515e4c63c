using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// The Argo CD resource customizations in config/argocd, in Argo CD's own layout:
/// <c>llmoperator.io/&lt;Kind&gt;/health.lua</c>, <c>health_test.yaml</c> and <c>testdata/</c>, and for
/// ModelDeployment <c>actions/discovery.lua</c>, <c>actions/&lt;name&gt;/action.lua</c> and <c>actions/action_test.yaml</c>.
/// </summary>
public static class ArgoCdCustomizations
{
    /// <summary>The API group, which is also the folder name.</summary>
    public const string Group = "llmoperator.io";

    /// <summary>Every kind of the API: each has a health check.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["ModelDeployment", "PromptVersion", "EvaluationGate", "EvaluationRun"];

    /// <summary>The actions of ModelDeployment, as llmop names them (with -adapter: llmop's --adapter, for one LoRA adapter).</summary>
    public static IReadOnlyList<string> ModelDeploymentActions { get; } =
        ["promote", "promote-full", "abort", "retry", "promote-adapter", "abort-adapter", "retry-adapter"];

    /// <summary>config/argocd.</summary>
    public static string Root => RepositoryPaths.Combine("config", "argocd");

    /// <summary>The folder of a kind.</summary>
    public static string KindFolder(string kind) => Path.Combine(Root, Group, kind);

    /// <summary>The actions folder of a kind.</summary>
    public static string ActionsFolder(string kind) => Path.Combine(KindFolder(kind), "actions");

    /// <summary>A kind's health script.</summary>
    public static string HealthScript(string kind) => File.ReadAllText(Path.Combine(KindFolder(kind), "health.lua"));

    /// <summary>A kind's discovery script.</summary>
    public static string DiscoveryScript(string kind) => File.ReadAllText(Path.Combine(ActionsFolder(kind), "discovery.lua"));

    /// <summary>One action's script.</summary>
    public static string ActionScript(string kind, string action) => File.ReadAllText(Path.Combine(ActionsFolder(kind), action, "action.lua"));

    /// <summary>The cases of a kind's health_test.yaml: (inputPath, status, message).</summary>
    public static IReadOnlyList<(string InputPath, string Status, string Message)> HealthCases(string kind)
    {
        var tests = YamlFile.ReadObject(Path.Combine(KindFolder(kind), "health_test.yaml"))["tests"] as JsonArray ?? [];
        return [.. tests.Select(t => (
            Text(t, "inputPath"),
            Text(t?["healthStatus"], "status"),
            Text(t?["healthStatus"], "message")))];
    }

    /// <summary>A kind's actions/action_test.yaml.</summary>
    public static JsonObject ActionTests(string kind) => YamlFile.ReadObject(Path.Combine(ActionsFolder(kind), "action_test.yaml"));

    /// <summary>Every Lua script under config/argocd, by path relative to it.</summary>
    public static IReadOnlyList<string> AllScripts() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, Group), "*.lua", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p))
            .Order(StringComparer.Ordinal)];

    /// <summary>Every testdata object under config/argocd, by path relative to it.</summary>
    public static IReadOnlyList<string> AllTestdata() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, Group), "*.yaml", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == "testdata")
            .Select(p => Path.GetRelativePath(Root, p)).Order(StringComparer.Ordinal)];

    /// <summary>A string field of a test file, which must be there.</summary>
    public static string Text(JsonNode? node, string field) =>
        node?[field]?.GetValue<string>() ?? throw new InvalidDataException($"a test case has no {field}");
}
