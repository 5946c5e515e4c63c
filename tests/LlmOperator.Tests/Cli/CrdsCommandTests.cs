using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

public class CrdsCommandTests
{
    [Fact]
    public void Writes_the_same_CRDs_and_API_reference_that_are_checked_in()
    {
        using var dir = new TempDirectory();

        var reference = Path.Combine(dir.Path, "docs", "api.md");

        var (code, output, _) = CommandLine.Run("crds", "--output", dir.Path, "--reference", reference);

        Assert.Equal(0, code);
        var written = Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(4, written.Count);
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("docs", "api-reference.md")), File.ReadAllText(reference));
        foreach (var name in written)
        {
            Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("config", "crd", "bases", name!)), File.ReadAllText(Path.Combine(dir.Path, name!)));
        }
    }
}
