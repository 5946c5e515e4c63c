using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.Common;

public class GateVerdictTests
{
    private static EvaluationRun Run(string gate, EvaluationPhase? phase, int attempts = 1, bool dryRun = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"run-{gate}" },
        Spec = new EvaluationRunSpec
        {
            Gate = new GateSnapshot
            {
                Name = gate,
                Spec = new EvaluationGateSpec { Execution = dryRun ? new ExecutionSettings { DryRun = true } : null },
            },
        },
        Status = phase is null ? null : new EvaluationRunStatus { Phase = phase, Attempts = attempts, Verdict = $"{phase}: because" },
    };

    [Fact]
    public void A_failed_gate_decides_whatever_the_others_say()
    {
        var verdict = GateVerdict.Of([Run("slow", null), Run("odd", EvaluationPhase.Inconclusive), Run("bad", EvaluationPhase.Failed)]);

        Assert.Equal((GateOutcome.Failed, "bad", "because"), (verdict.Outcome, verdict.Gate, verdict.Verdict));
        Assert.Equal(("run-bad", EvaluationPhase.Failed), (verdict.Headline.Name, verdict.Headline.Phase));
    }

    [Fact]
    public void Inconclusive_waits_for_the_runs_still_pending_and_never_counts_as_failed()
    {
        Assert.Equal(GateOutcome.Pending, GateVerdict.Of([Run("odd", EvaluationPhase.Inconclusive), Run("slow", EvaluationPhase.Running)]).Outcome);
        Assert.Equal(GateOutcome.Inconclusive, GateVerdict.Of([Run("odd", EvaluationPhase.Inconclusive), Run("good", EvaluationPhase.Passed)]).Outcome);
    }

    [Fact]
    public void An_error_is_pending_while_attempts_remain_then_inconclusive()
    {
        Assert.Equal(GateOutcome.Pending, GateVerdict.Of([Run("flaky", EvaluationPhase.Error, attempts: 1)]).Outcome);
        Assert.Equal(GateOutcome.Inconclusive, GateVerdict.Of([Run("flaky", EvaluationPhase.Error, attempts: GateRuns.MaxAttempts)]).Outcome);
    }

    [Fact]
    public void All_passed_and_dry_runs_pass_with_the_last_run_as_headline()
    {
        var verdict = GateVerdict.Of([Run("good", EvaluationPhase.Passed), Run("trial", EvaluationPhase.Failed, dryRun: true)]);

        Assert.Equal((GateOutcome.Passed, "trial"), (verdict.Outcome, verdict.Gate));
    }

    [Fact]
    public void There_is_no_verdict_of_no_runs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GateVerdict.Of([]));
    }
}
