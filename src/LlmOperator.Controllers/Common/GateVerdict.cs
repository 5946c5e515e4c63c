using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// Where a set of gate runs stands together, by one rule for rollouts, first revisions, schedules and
/// prompts alike: Failed when any run failed, else Pending while any has no outcome yet, else
/// Inconclusive when any was inconclusive (or used all its attempts in Error), else Passed. The run
/// that decides (the first failed, pending or inconclusive one; the last one when all passed) gives the
/// headline and the words.
/// </summary>
internal sealed record GateVerdict
{
    private GateVerdict(GateOutcome outcome, EvaluationRun deciding)
    {
        Outcome = outcome;
        Deciding = deciding;
    }

    /// <summary>The outcome of all the runs together.</summary>
    public GateOutcome Outcome { get; }

    /// <summary>The run that decides the outcome.</summary>
    public EvaluationRun Deciding { get; }

    /// <summary>The gate of the deciding run.</summary>
    public string Gate => Deciding.Spec.Gate.Name;

    /// <summary>The deciding run's verdict as a clause of a longer message.</summary>
    public string Verdict => GateRuns.Verdict(Deciding);

    /// <summary>The deciding run's headline, for the status of the object judged.</summary>
    public EvaluationReference Headline => GateRuns.Reference(Deciding);

    /// <summary>The verdict of <paramref name="runs"/>, at least one.</summary>
    public static GateVerdict Of(IReadOnlyList<EvaluationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var outcomes = runs.Select(r => (Run: r, Outcome: GateRuns.Outcome(r))).ToList();
        foreach (var outcome in (ReadOnlySpan<GateOutcome>)[GateOutcome.Failed, GateOutcome.Pending, GateOutcome.Inconclusive])
        {
            if (outcomes.FirstOrDefault(o => o.Outcome == outcome).Run is { } deciding)
            {
                return new GateVerdict(outcome, deciding);
            }
        }

        return new GateVerdict(GateOutcome.Passed, runs[^1]);
    }
}
