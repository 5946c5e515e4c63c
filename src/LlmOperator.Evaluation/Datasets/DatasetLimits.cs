namespace LlmOperator.Evaluation.Datasets;

/// <summary>Bounds that keep a mistaken or hostile dataset from exhausting memory.</summary>
public sealed record DatasetLimits
{
    /// <summary>The default limits.</summary>
    public static DatasetLimits Default { get; } = new();

    /// <summary>The largest dataset in bytes; a bigger file is refused before it is read.</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The longest line of a JSONL dataset, in characters.</summary>
    public int MaxLineLength { get; init; } = 1024 * 1024;

    /// <summary>The most cases a dataset may hold.</summary>
    public int MaxCases { get; init; } = 100_000;
}
