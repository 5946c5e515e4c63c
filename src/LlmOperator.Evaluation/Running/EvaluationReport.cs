using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Running;

/// <summary>A finished run: what ran, every result and the verdict. The reports are written from it.</summary>
/// <param name="RunName">The run's name.</param>
/// <param name="GateName">The gate's name.</param>
/// <param name="DatasetSha256">The SHA-256 of the dataset that ran.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="CompletedAt">When it ended.</param>
/// <param name="Candidate">The candidate's results.</param>
/// <param name="Baseline">The baseline's results, when there was one.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="DryRun">Whether the gate only records its verdict and never blocks.</param>
public sealed record EvaluationReport(
    string RunName,
    string GateName,
    string DatasetSha256,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    EndpointResults Candidate,
    EndpointResults? Baseline,
    Verdict Verdict,
    bool DryRun)
{
    /// <summary>How long the run took.</summary>
    public TimeSpan Duration => CompletedAt - StartedAt;

    /// <summary>The endpoints' results: candidate, then baseline.</summary>
    public IReadOnlyList<EndpointResults> Endpoints => Baseline is null ? [Candidate] : [Candidate, Baseline];
}
