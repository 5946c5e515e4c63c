namespace LlmOperator.Benchmarks;

/// <summary>
/// The figures <c>make bench</c> sums up at the end, one table for every benchmark with its anchor beside
/// llmop's figure: each benchmark appends its key rows to the file LLMOP_BENCH_SUMMARY names (none when unset),
/// and <c>LlmOperator.Benchmarks summary --file PATH</c> prints them.
/// </summary>
internal static class KeyFigures
{
    /// <summary>The environment variable naming the file the rows go to.</summary>
    public const string EnvironmentVariable = "LLMOP_BENCH_SUMMARY";

    /// <summary>Appends one row when a summary is being collected.</summary>
    public static void Record(string benchmark, string measure, string llmop, string anchor)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path)
        {
            File.AppendAllText(path, string.Join('\t', benchmark, measure, llmop, anchor) + "\n");
        }
    }

    /// <summary>Prints the rows collected in a file as one Markdown table.</summary>
    public static int Print(string path)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"no key figures in {path}: run the benchmarks with {EnvironmentVariable}={path}");
            return 1;
        }

        var rows = File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        Console.WriteLine();
        Console.WriteLine("Key figures of every benchmark (llmop beside its anchor):");
        Console.WriteLine();
        MarkdownTable.Print(["Benchmark", "Measure", "llmop", "Anchor"], rows);
        return 0;
    }
}
