namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// The ConfigMap through which an evaluation Job reports: its outcome and the per-case results, owned by
/// the run so that it goes when the run goes.
/// </summary>
public static class RunResults
{
    /// <summary>The key of the <see cref="EvaluationOutcome"/>, as JSON.</summary>
    public const string OutcomeKey = "outcome.json";

    /// <summary>The key of the per-case results, as JSON bounded in size.</summary>
    public const string ResultsKey = "results.json";

    /// <summary>
    /// The key of the candidate's per-case outcomes alone (id, outcome, score, metrics; no answers), compact
    /// enough to keep whole: what a release baseline is made of.
    /// </summary>
    public const string CasesKey = "cases.json";

    /// <summary>The ConfigMap's name for a run.</summary>
    public static string ConfigMapName(string run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Length <= 245 ? run + "-results" : run[..245] + "-results";
    }
}
