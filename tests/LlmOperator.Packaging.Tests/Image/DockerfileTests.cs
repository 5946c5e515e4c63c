using System.Text.RegularExpressions;
using System.Xml.Linq;
using LlmOperator.Packaging.Tests.ArgoCd;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Image;

/// <summary>
/// No container engine runs here, so the Dockerfile is checked against what the build and the install
/// need: it copies every file the projects reference outside src/, .dockerignore keeps them, it publishes
/// the llmop executable and starts it, on the .NET version of the code, as the user the chart runs.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryPaths.Combine("Dockerfile"));

    [Fact]
    public void The_build_stage_copies_everything_the_projects_reference_and_dockerignore_keeps_it()
    {
        var copied = CopySources().ToList();
        var ignore = File.ReadAllLines(RepositoryPaths.Combine(".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var needed = Directory.GetFiles(RepositoryPaths.Combine("src"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => XDocument.Load(project).Descendants().Attributes("Include")
                .Select(a => a.Value.Replace('\\', '/'))
                .Where(v => v.StartsWith("../../", StringComparison.Ordinal))
                .Select(v => Path.GetRelativePath(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, v))).Replace('\\', '/')))
            .Append("src/LlmOperator/LlmOperator.csproj")
            .ToList();

        Assert.Contains("config/crd/bases/*.yaml", needed);
        foreach (var path in needed)
        {
            Assert.True(copied.Any(c => path.StartsWith(c, StringComparison.Ordinal)), $"the Dockerfile copies nothing that holds {path}");
            var lastExclusion = ignore.FindLastIndex(p => !p.StartsWith('!') && path.StartsWith(p.TrimEnd('*'), StringComparison.Ordinal));
            var lastInclusion = ignore.FindLastIndex(p => p.StartsWith('!') && path.StartsWith(p[1..].TrimEnd('*'), StringComparison.Ordinal));
            Assert.True(lastExclusion < lastInclusion || lastExclusion < 0, $".dockerignore leaves {path} out of the build context");
        }
    }

    [Fact]
    public void The_image_publishes_and_starts_llmop()
    {
        var assembly = XDocument.Load(RepositoryPaths.Combine("src", "LlmOperator", "LlmOperator.csproj")).Descendants("AssemblyName").Single().Value;

        Assert.Contains("dotnet publish src/LlmOperator/LlmOperator.csproj", Dockerfile, StringComparison.Ordinal);
        Assert.Equal($"[\"{assembly}\"]", Instruction("ENTRYPOINT").Single());
        Assert.Contains(Instruction("ENV"), e => e.Contains("PATH=/app:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_images_are_of_the_dotnet_version_the_code_targets()
    {
        var framework = XDocument.Load(RepositoryPaths.Combine("Directory.Build.props")).Descendants("TargetFramework").Single().Value;

        Assert.Equal($"DOTNET_VERSION={framework["net".Length..]}", Instruction("ARG").Single());
        var stages = Instruction("FROM").ToList();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} ", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}", stages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_publishes_llmop_self_contained_and_precompiled_for_a_fast_start()
    {
        var publishing = XDocument.Load(RepositoryPaths.Combine("src", "LlmOperator", "LlmOperator.csproj")).Descendants("PropertyGroup")
            .Single(g => g.Attribute("Condition")?.Value.Contains("_IsPublishing", StringComparison.Ordinal) == true);

        Assert.Contains("'$(Configuration)' == 'Release'", publishing.Attribute("Condition")!.Value, StringComparison.Ordinal);
        Assert.Equal("true", publishing.Element("PublishReadyToRun")?.Value);
        Assert.Equal("true", publishing.Element("PublishReadyToRunComposite")?.Value);
        Assert.Equal("true", publishing.Element("SelfContained")?.Value);
        Assert.Contains("dotnet publish src/LlmOperator/LlmOperator.csproj --configuration Release ", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_runs_as_the_non_root_user_the_chart_and_kustomize_run()
    {
        var deployment = YamlFile.ReadAll(RepositoryPaths.Combine("config", "manager", "manager.yaml"))
            .OfType<System.Text.Json.Nodes.JsonObject>()
            .Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        var security = deployment["spec"]!["template"]!["spec"]!["securityContext"]!;

        Assert.Equal($"{security["runAsUser"]}:{security["runAsGroup"]}", Instruction("USER").Single());
        Assert.NotEqual("0", security["runAsUser"]!.ToString());
        Assert.Contains(
            Instruction("COPY"), c => c.StartsWith($"--from=build --chown={security["runAsUser"]}:{security["runAsGroup"]} ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sandbox_runs_pods_of_the_image_the_chart_installs()
    {
        var values = YamlFile.ReadObject(RepositoryPaths.Combine("charts", "llm-operator", "values.yaml"));

        Assert.Equal(new LlmOperator.Sandbox.Hosting.SandboxOptions().OperatorImage, values["image"]!["repository"]!.GetValue<string>());
    }

    private static IEnumerable<string> Instruction(string name) =>
        InstructionLine().Matches(Dockerfile).Where(m => m.Groups["name"].Value == name).Select(m => m.Groups["args"].Value.Trim());

    // The sources of COPY instructions that read the build context (not another stage).
    private static IEnumerable<string> CopySources() =>
        Instruction("COPY").Where(c => !c.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .Select(s => s.TrimStart('.', '/'));

    [GeneratedRegex(@"^(?<name>[A-Z]+)\s+(?<args>.*)$", RegexOptions.Multiline)]
    private static partial Regex InstructionLine();
}
