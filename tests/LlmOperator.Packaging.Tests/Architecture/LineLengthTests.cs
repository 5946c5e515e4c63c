using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Architecture;

/// <summary>No line of C# in the repository is longer than the .editorconfig's max_line_length.</summary>
public sealed class LineLengthTests
{
    private const int MaxLength = 160;

    [Fact]
    public void No_line_of_code_is_longer_than_160_characters()
    {
        Assert.Contains($"max_line_length = {MaxLength}", File.ReadAllText(RepositoryPaths.Combine(".editorconfig")), StringComparison.Ordinal);
        var tooLong = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(RepositoryPaths.Combine(folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: file, Line: i + 1, line.Length)))
            .Where(l => l.Length > MaxLength)
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.File)}:{l.Line} has {l.Length} characters")
            .ToList();

        Assert.True(tooLong.Count == 0, string.Join(Environment.NewLine, tooLong));
    }
}
