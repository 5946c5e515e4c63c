using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// How many more runs of a candidate's dependents may start now: a model that many pipelines use starts
/// their gates a few at a time, so a release does not send every application's dataset to its canary at
/// once. The runs not yet started keep the candidate waiting, as the ones under way are Pending.
/// </summary>
internal static class DependentSlots
{
    /// <summary>The bound less the runs of <paramref name="runs"/> (null for one not started) that have no outcome yet.</summary>
    public static int Free(int atOnce, IEnumerable<EvaluationRun?> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return atOnce - runs.Count(r => r is not null && GateRuns.Outcome(r) == GateOutcome.Pending);
    }
}
