using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

public class CrdsCommandTests
{
    [Fact]
    public void Writes_the_same_files_that_are_checked_in()
    {
        using var dir = new TempDirectory();

        var (code, output, _) = CommandLine.Run("crds", "--output", dir.Path);

        Assert.Equal(0, code);
        var written = Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(4, written.Count);
        Assert.Equal(4, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var name in written)
        {
            Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("config", "crd", "bases", name!)), File.ReadAllText(Path.Combine(dir.Path, name!)));
        }
    }
}
