namespace LlmOperator.Evaluation.Datasets;

/// <summary>A dataset that cannot be used, with the line of the problem when there is one.</summary>
internal sealed class DatasetException : Exception
{
    /// <summary>Creates the error.</summary>
    public DatasetException(string source, int? line, string problem)
        : base(line is { } l ? $"{source}:{l}: {problem}" : $"{source}: {problem}")
    {
        Source = source;
        Line = line;
        Problem = problem;
    }

    /// <summary>Where the dataset came from, for example a file path or configmap/name/key.</summary>
    public new string Source { get; }

    /// <summary>The line (from 1) of the problem, or null for a problem with the whole dataset.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
