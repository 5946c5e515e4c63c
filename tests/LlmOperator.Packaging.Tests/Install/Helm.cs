using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>
/// The real Helm 4 that `make helm` fetches into .tools/helm/helm (or $HELM), run on charts/llm-operator
/// as release llm-operator in namespace llm-operator-system.
/// </summary>
public static class Helm
{
    /// <summary>The chart's folder.</summary>
    public static string Chart => RepositoryPaths.Combine("charts", "llm-operator");

    /// <summary>The helm binary; a missing one is an error that says how to get it.</summary>
    public static string Binary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("HELM") is { Length: > 0 } configured
                ? configured
                : RepositoryPaths.Combine(".tools", "helm", "helm");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Helm is not at {path}: run `make helm` (make test does it first).");
        }
    }

    /// <summary>Runs helm with the arguments.</summary>
    public static Task<ToolResult> RunAsync(params string[] args) => Tool.RunAsync(Binary, args);

    /// <summary>helm template with the CRDs and the given --set values (and values files after -f).</summary>
    public static Task<ToolResult> TemplateAsync(params string[] settings)
    {
        var args = new List<string> { "template", "llm-operator", Chart, "--namespace", "llm-operator-system", "--include-crds" };
        args.AddRange(settings);
        return RunAsync([.. args]);
    }

    /// <summary>The objects of a successful helm template.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(params string[] settings) =>
        Manifests.Parse((await TemplateAsync(settings)).Succeeded());
}
