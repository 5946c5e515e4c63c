using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// The Argo CD actions against the operator's real rollout planner: each is offered on the status the
/// operator writes, changes only status, and the planner answers it as it answers llmop promote, abort
/// and retry (with --adapter for the adapter actions). The health check reads each state as Argo CD should show it.
/// </summary>
public sealed class ActionPlannerTests
{
    private const string Kind = "ModelDeployment";

    [Fact]
    public void Promote_releases_a_pause_step_and_the_rollout_goes_on()
    {
        var rollout = new RolloutSimulation(Weight(20), Pause(), Weight(60));
        rollout.CommitNewModel("llama-3.2-8b");
        rollout.Settle();
        Assert.Equal(RolloutPhase.Paused, rollout.Status.Phase);
        Assert.Equal("Suspended", Health(rollout));
        Assert.Equal(["abort", "promote", "promote-full"], Enabled(rollout));

        rollout.Settle();
        Assert.Equal(RolloutPhase.Paused, rollout.Status.Phase);

        Act(rollout, "promote");

        Assert.Equal(RolloutPhase.Healthy, rollout.Status.Phase);
        Assert.Equal("every step passed", rollout.Status.History![0].Message);
        Assert.Equal("Healthy", Health(rollout));
        Assert.Empty(Enabled(rollout));
    }

    [Fact]
    public void Promote_releases_an_inconclusive_evaluation()
    {
        var rollout = new RolloutSimulation(Weight(10), Evaluate("quality", InconclusivePolicy.Pause), Weight(50));
        rollout.CommitNewModel("llama-3.2-8b");
        rollout.Settle();
        rollout.FinishRuns(EvaluationPhase.Inconclusive, "8 paired cases, fewer than minCases 10");
        rollout.Settle();
        Assert.Equal(PauseReason.InconclusiveEvaluation, rollout.Status.PauseConditions!.Single().Reason);
        Assert.Equal("Suspended", Health(rollout));
        Assert.Contains("promote", Enabled(rollout));

        Act(rollout, "promote");

        Assert.Equal(RolloutPhase.Healthy, rollout.Status.Phase);
        Assert.Null(rollout.Status.CanaryRevision);
    }

    [Fact]
    public void Promote_full_skips_the_remaining_steps_of_a_rollout_that_is_evaluating()
    {
        var rollout = new RolloutSimulation(Weight(10), Evaluate("quality"), Weight(50), Pause());
        rollout.CommitNewModel("llama-3.2-8b");
        rollout.Settle();
        var canary = rollout.Status.CanaryRevision;
        Assert.Equal(RolloutPhase.Progressing, rollout.Status.Phase);
        Assert.Equal("Progressing", Health(rollout));
        Assert.Equal(["abort", "promote-full"], Enabled(rollout));

        Act(rollout, "promote-full");

        Assert.Equal(RolloutPhase.Healthy, rollout.Status.Phase);
        Assert.Equal(canary, rollout.Status.StableRevision);
        Assert.Equal("promoted by llmop promote --full", rollout.Status.History![0].Message);
    }

    [Fact]
    public void Abort_rolls_back_to_stable_and_retry_rolls_the_revision_out_again()
    {
        var rollout = new RolloutSimulation(Weight(10), Evaluate("quality"), Weight(50));
        var stable = rollout.Status.StableRevision;
        rollout.CommitNewModel("llama-3.2-8b");
        rollout.Settle();

        Act(rollout, "abort");

        Assert.Equal(RolloutPhase.Degraded, rollout.Status.Phase);
        Assert.Equal(0, rollout.Status.CanaryWeight);
        Assert.Equal(stable, rollout.Status.StableRevision);
        Assert.Equal("UserAborted", Conditions.Find(rollout.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Equal("Degraded", Health(rollout));
        Assert.Equal(["retry"], Enabled(rollout));

        var runsBefore = rollout.Runs.Count;
        Act(rollout, "retry");

        Assert.Equal(RolloutPhase.Progressing, rollout.Status.Phase);
        Assert.Equal(2, rollout.Status.Attempt);
        Assert.True(rollout.Runs.Count > runsBefore, "a retry evaluates afresh, with new runs");
        Assert.Equal("Progressing", Health(rollout));
        Assert.Equal(["abort", "promote-full"], Enabled(rollout));
    }

    [Fact]
    public void A_failed_evaluation_reads_degraded_and_offers_only_retry()
    {
        var rollout = new RolloutSimulation(Weight(10), Evaluate("quality"), Weight(50));
        rollout.CommitNewModel("llama-3.2-8b");
        rollout.Settle();
        rollout.FinishRuns(EvaluationPhase.Failed, "pass rate 0.62 is below minPassRate 0.85");
        rollout.Settle();

        Assert.Equal("Degraded", Health(rollout));
        Assert.Contains("pass rate 0.62 is below minPassRate 0.85", rollout.Status.Message, StringComparison.Ordinal);
        Assert.Equal(["retry"], Enabled(rollout));
    }

    [Fact]
    public void The_adapter_actions_abort_retry_and_promote_an_adapter_rollout_as_llmop_does()
    {
        var sql = new LoraAdapter
        {
            Name = "sql",
            Source = "https://adapters.example/sql/v1",
            Evaluate = new EvaluateStep { Gates = ["sql-quality"], OnInconclusive = InconclusivePolicy.Pause },
        };
        var rollout = new RolloutSimulation([sql], Weight(10), Evaluate("quality"));
        var stable = Adapter(rollout).StableRevision;
        Assert.Equal("Healthy", Health(rollout));
        Assert.Empty(Enabled(rollout));

        rollout.CommitNewAdapter("sql", "https://adapters.example/sql/v2");
        rollout.Settle();
        var candidate = Adapter(rollout).CandidateRevision;
        Assert.NotNull(candidate);
        Assert.Equal("Progressing", Health(rollout));
        Assert.Equal(["abort-adapter"], Enabled(rollout));
        Assert.Equal("sql", Default(rollout, "abort-adapter"));

        Act(rollout, "abort-adapter");

        Assert.Equal((RolloutPhase.Degraded, "AdapterAborted"), (Adapter(rollout).Phase, Adapter(rollout).Reason));
        Assert.Equal("aborted by llmop abort", Adapter(rollout).History![0].Message);
        Assert.Equal("Degraded", Health(rollout));
        Assert.Equal(["retry-adapter"], Enabled(rollout));

        var runsBefore = rollout.Runs.Count;
        Act(rollout, "retry-adapter", "sql");

        Assert.Equal((RolloutPhase.Progressing, 2), (Adapter(rollout).Phase, Adapter(rollout).Attempt));
        Assert.True(rollout.Runs.Count > runsBefore, "a retry evaluates afresh, with new runs");
        Assert.Equal(["abort-adapter"], Enabled(rollout));

        rollout.FinishRuns(EvaluationPhase.Inconclusive, "8 paired cases, fewer than minCases 10");
        rollout.Settle();
        Assert.Equal(RolloutPhase.Paused, Adapter(rollout).Phase);
        Assert.Equal("Suspended", Health(rollout));
        Assert.Equal(["abort-adapter", "promote-adapter"], Enabled(rollout));

        Act(rollout, "promote-adapter", "sql");

        Assert.Equal((candidate, null, RolloutPhase.Healthy), (Adapter(rollout).StableRevision, Adapter(rollout).CandidateRevision, Adapter(rollout).Phase));
        Assert.NotEqual(stable, candidate);
        Assert.Equal("promoted by llmop promote", Adapter(rollout).History![0].Message);
        Assert.Equal("Healthy", Health(rollout));
        Assert.Empty(Enabled(rollout));
    }

    [Fact]
    public void The_evaluation_run_health_check_knows_how_many_attempts_the_operator_makes()
    {
        var script = ArgoCdCustomizations.HealthScript("EvaluationRun");

        Assert.Contains($"local maxAttempts = {GateRuns.MaxAttempts}\n", script, StringComparison.Ordinal);
    }

    // Runs an action as Argo CD does (it patches only what changed, here status), then lets the operator answer.
    // An adapter action is given the adapter's name, or with none (an empty field) works on the default adapter.
    private static void Act(RolloutSimulation rollout, string action, string? adapter = null)
    {
        var before = rollout.ToJson();
        Assert.False(ArgoCdLua.Discovery(ArgoCdCustomizations.DiscoveryScript(Kind), before)[action].Disabled, $"{action} should be offered");

        var parameters = adapter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["adapter"] = adapter };
        var after = ArgoCdLua.Action(ArgoCdCustomizations.ActionScript(Kind, action), before, parameters);

        Assert.Equal([], JsonComparison.Differences(WithoutStatus(before), WithoutStatus(after)));
        Assert.NotEmpty(JsonComparison.Differences(before["status"], after["status"]));
        rollout.Store(after);
        rollout.Settle();
    }

    private static string? Health(RolloutSimulation rollout) => ArgoCdLua.Health(ArgoCdCustomizations.HealthScript(Kind), rollout.ToJson()).Status;

    private static List<string> Enabled(RolloutSimulation rollout) =>
        [.. ArgoCdLua.Discovery(ArgoCdCustomizations.DiscoveryScript(Kind), rollout.ToJson()).Values
            .Where(a => !a.Disabled)
            .Select(a => a.Name)
            .Order(StringComparer.Ordinal)];

    private static string? Default(RolloutSimulation rollout, string action) =>
        ArgoCdLua.Discovery(ArgoCdCustomizations.DiscoveryScript(Kind), rollout.ToJson())[action].Params.Single().Default;

    private static AdapterStatus Adapter(RolloutSimulation rollout) => Assert.Single(rollout.Status.Adapters!);

    private static JsonObject WithoutStatus(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("status");
        return copy;
    }

    private static RolloutStep Weight(int weight) => new() { SetWeight = weight };

    private static RolloutStep Pause() => new() { Pause = new PauseStep() };

    private static RolloutStep Evaluate(string gate, InconclusivePolicy onInconclusive = InconclusivePolicy.Pause) =>
        new() { Evaluate = new EvaluateStep { Gates = [gate], OnInconclusive = onInconclusive } };
}
