using System.Text.RegularExpressions;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Architecture;

/// <summary>
/// The folders of LlmOperator.Controllers depend on each other as the README's layout section says:
/// each feature (EvaluationRuns, ModelDeployments, PromptVersions) only on Common and its own building
/// blocks, never on another feature; Hosting, which registers them, on all.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Common"] = [],
        ["Engines"] = ["Common"],
        ["GatewayApi"] = [],
        ["EvaluationRuns"] = ["Common"],
        ["ModelDeployments"] = ["Common", "Engines", "GatewayApi"],
        ["PromptVersions"] = ["Common"],
        ["Hosting"] = ["Common", "EvaluationRuns", "ModelDeployments", "PromptVersions"],
    };

    [Fact]
    public void Each_folder_of_the_controllers_uses_only_the_folders_it_may()
    {
        var root = RepositoryPaths.Combine("src", "LlmOperator.Controllers");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToList();
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal)!);

        var problems = new List<string>();
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder!), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match use in ControllersName().Matches(File.ReadAllText(file)))
                {
                    var used = use.Groups[1].Value;
                    if (used != folder && !Allowed[folder!].Contains(used))
                    {
                        problems.Add($"{Path.GetRelativePath(root, file)} uses {use.Value}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    [GeneratedRegex(@"LlmOperator\.Controllers\.(\w+)")]
    private static partial Regex ControllersName();
}
