using System.Text.RegularExpressions;
using LlmOperator.Testing;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>The README's shell commands, so that tests run them as a reader would copy them.</summary>
public static partial class Readme
{
    /// <summary>Each command of the README's ```sh blocks (continued lines joined), without its trailing comment.</summary>
    public static IReadOnlyList<string> ShellCommands() =>
        [.. ShellBlock().Matches(File.ReadAllText(RepositoryPaths.Combine("README.md")))
            .SelectMany(m => Continuation().Replace(m.Groups["body"].Value, " ").Split('\n'))
            .Select(l => TrailingComment().Replace(l, "").Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [GeneratedRegex(@"```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"\s*\\\n\s*")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();
}
