using System.Text.RegularExpressions;
using LlmOperator.Manifests.Schema;
using LlmOperator.Manifests.Validation;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// The example Application reads, as Argo CD's directory source would, the layout the README recommends
/// (models/, gates/, prompts/), and what it reads is valid.
/// </summary>
public sealed class ApplicationTests
{
    [Fact]
    public void The_application_syncs_the_models_gates_and_prompts_folders_of_the_samples_which_validate()
    {
        var application = YamlFile.ReadObject(Path.Combine(ArgoCdCustomizations.Root, "application.yaml"));
        Assert.Equal("argoproj.io/v1alpha1", application["apiVersion"]!.GetValue<string>());
        Assert.Equal("Application", application["kind"]!.GetValue<string>());
        var source = application["spec"]!["source"]!;
        var path = source["path"]!.GetValue<string>();
        Assert.Equal("config/samples", path);
        Assert.True(source["directory"]!["recurse"]!.GetValue<bool>());

        var root = RepositoryPaths.Combine(path);
        var excluded = Glob(source["directory"]!["exclude"]!.GetValue<string>());
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => new[] { ".yaml", ".yml", ".json" }.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Where(f => !excluded.IsMatch(f))
            .ToList();

        Assert.Equal(["gates", "models", "prompts"], files.Select(f => f.Split('/')[0]).Distinct().Order(StringComparer.Ordinal));
        var report = new ManifestValidator(KindSchemaSet.LlmOperator).Validate([.. files.Select(f => ManifestLoader.Read(Path.Combine(root, f)))]);
        Assert.True(report.IsValid, string.Join('\n', report.Diagnostics));
    }

    // Argo CD's exclude: a glob over the path relative to the source path, {a,b} for alternatives, * within a folder.
    private static Regex Glob(string pattern)
    {
        var alternatives = pattern.Trim('{', '}').Split(',')
            .Select(p => Regex.Escape(p).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal));
        return new Regex($"^({string.Join('|', alternatives)})$", RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
