namespace LlmOperator.Evaluation.Running;

/// <summary>A case on one endpoint, over all its repeats.</summary>
public sealed class CaseResult
{
    /// <summary>Aggregates the repeats: a case passes when more than half of its repeats pass, and is an error when none could be judged.</summary>
    public CaseResult(string id, bool critical, IReadOnlyList<string> tags, IReadOnlyList<AttemptResult> attempts, string? input = null)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentOutOfRangeException.ThrowIfZero(attempts.Count);
        Id = id;
        Critical = critical;
        Tags = tags;
        Attempts = attempts;
        Input = input;
        var judged = attempts.Where(a => a.Error is null).ToList();
        var passes = attempts.Count(a => a.Passed);
        PassRate = passes / (double)attempts.Count;
        Outcome = judged.Count == 0 ? CaseOutcome.Error : passes * 2 > attempts.Count ? CaseOutcome.Passed : CaseOutcome.Failed;
        Score = judged.Count == 0 ? null : judged.Average(a => a.Score!.Score);
        Metrics = judged.SelectMany(a => a.Score!.Metrics)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(p => p.Value), StringComparer.Ordinal);
        Error = judged.Count == 0 ? attempts[0].Error : null;
        FailureReason = Outcome == CaseOutcome.Failed ? attempts.Select(a => a.Error ?? a.Score?.FailureReason).FirstOrDefault(r => r is not null) : null;
    }

    /// <summary>The case's id.</summary>
    public string Id { get; }

    /// <summary>Whether the case must pass whatever the pass rate.</summary>
    public bool Critical { get; }

    /// <summary>The case's tags.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>What the case asks (<see cref="CaseInput"/>), if known.</summary>
    public string? Input { get; }

    /// <summary>Each repeat.</summary>
    public IReadOnlyList<AttemptResult> Attempts { get; }

    /// <summary>How the case ended.</summary>
    public CaseOutcome Outcome { get; }

    /// <summary>The share of repeats that passed.</summary>
    public double PassRate { get; }

    /// <summary>The mean score of the judged repeats, or null when none was judged.</summary>
    public double? Score { get; }

    /// <summary>The mean of each named metric over the judged repeats.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>The first error, when no repeat could be judged.</summary>
    public string? Error { get; }

    /// <summary>Why the case failed: the first failed assertion or error of its repeats.</summary>
    public string? FailureReason { get; }

    /// <summary>Why the case did not pass, whichever way it ended; null when it passed.</summary>
    public string? Problem => Outcome switch
    {
        CaseOutcome.Error => Error,
        CaseOutcome.Failed => FailureReason,
        _ => null,
    };
}
