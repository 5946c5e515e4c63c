using System.Xml.Linq;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Architecture;

/// <summary>
/// The projects of src/ reference what the README's layout section says, and so what each really uses:
/// the API's types need no tooling, the controllers no evaluator, and the controller runtime nothing of
/// LLMs. References form no cycle (MSBuild would refuse one; the test keeps the picture honest).
/// </summary>
public sealed class ProjectDependencyTests
{
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["LlmOperator.Api"] = ["KubernetesClient"],
        ["LlmOperator.Manifests"] = ["LlmOperator.Api", "KubernetesClient", "YamlDotNet", "NJsonSchema", "Cel"],
        ["LlmOperator.Templates"] = ["LlmOperator.Api", "Fluid.Core"],
        ["LlmOperator.Pipelines"] = ["LlmOperator.Api", "LlmOperator.Templates", "Cel"],
        ["LlmOperator.Kubernetes"] =
        [
            "KubernetesClient",
            "OpenTelemetry.Extensions.Hosting",
            "OpenTelemetry.Exporter.OpenTelemetryProtocol",
        ],
        ["LlmOperator.Controllers"] = ["LlmOperator.Api", "LlmOperator.Templates", "LlmOperator.Pipelines", "LlmOperator.Kubernetes", "Cronos"],
        ["LlmOperator.Evaluation"] =
        [
            "LlmOperator.Api",
            "LlmOperator.Manifests",
            "LlmOperator.Templates",
            "LlmOperator.Pipelines",
            "LlmOperator.Kubernetes",
            "KubernetesClient",
            "NJsonSchema",
            "Cel",
            "OpenTelemetry.Exporter.Prometheus.AspNetCore",
        ],
        ["LlmOperator.Sandbox"] = ["LlmOperator.Manifests"],
        ["LlmOperator"] =
        [
            "LlmOperator.Api",
            "LlmOperator.Manifests",
            "LlmOperator.Sandbox",
            "LlmOperator.Evaluation",
            "LlmOperator.Kubernetes",
            "LlmOperator.Controllers",
            "System.CommandLine",
            "OpenTelemetry",
            "OpenTelemetry.Exporter.OpenTelemetryProtocol",
        ],
    };

    [Fact]
    public void Each_project_references_what_the_layout_says()
    {
        var actual = Projects();

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in Expected)
        {
            Assert.True(references.Order(StringComparer.Ordinal).SequenceEqual(actual[project].Order(StringComparer.Ordinal)),
                $"{project} references {string.Join(", ", actual[project])}; the layout says {string.Join(", ", references)}");
        }
    }

    [Fact]
    public void Project_references_form_no_cycle()
    {
        var projects = Projects().ToDictionary(p => p.Key, p => p.Value.Where(r => r.StartsWith("LlmOperator", StringComparison.Ordinal)).ToList());
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        void Visit(string project)
        {
            Assert.False(path.Contains(project), $"cycle: {string.Join(" -> ", path.Append(project))}");
            if (!done.Add(project))
            {
                return;
            }

            path.Add(project);
            projects[project].ForEach(Visit);
            path.RemoveAt(path.Count - 1);
        }

        foreach (var project in projects.Keys)
        {
            Visit(project);
        }
    }

    // Each src project's project references (by name) and package references.
    private static Dictionary<string, List<string>> Projects() =>
        Directory.GetFiles(RepositoryPaths.Combine("src"), "*.csproj", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetFileNameWithoutExtension(path),
            path =>
            {
                var document = XDocument.Load(path);
                return document.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                    .Concat(document.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value))
                    .ToList();
            },
            StringComparer.Ordinal);
}
