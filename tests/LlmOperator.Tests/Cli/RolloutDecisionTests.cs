using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;

namespace LlmOperator.Tests.Cli;

// What promote, abort and retry decide from a status, as the rollout planner reads it: pure, no cluster.
public class RolloutDecisionTests
{
    private static ModelDeployment With(ModelDeploymentStatus? status)
    {
        var model = RolloutSamples.Model("team-a");
        model.Status = status;
        return model;
    }

    private static ModelDeploymentStatus Applied(RolloutChange change, ModelDeploymentStatus status)
    {
        Assert.False(change.IsRefusal, change.Message);
        Assert.NotNull(change.Edit);
        change.Edit(status);
        return status;
    }

    [Fact]
    public void Promote_of_a_paused_rollout_removes_the_pause_conditions_only()
    {
        var change = PromoteCommand.Decide(With(RolloutSamples.PausedOnEvaluation()), full: false);

        var status = Applied(change, RolloutSamples.PausedOnEvaluation());
        Assert.Null(status.PauseConditions);
        Assert.True(status.ControllerPause);
        Assert.Null(status.PromoteFull);
        Assert.Equal("modeldeployment team-a/chat: promoted (the operator continues the rollout of revision 7d9f after step 2 of 5)", change.Message);
    }

    [Fact]
    public void Promote_accept_drift_asks_for_the_newest_scheduled_runs_to_become_the_release_only_when_they_drifted()
    {
        var drifted = RolloutSamples.Healthy();
        drifted.ScheduledVerdicts =
        [
            new ScheduledVerdict { Gate = "quality", Run = "chat-drift-2", Drifted = true },
            new ScheduledVerdict { Gate = "quality", Run = "chat-drift-1", Drifted = false },
        ];
        var calm = RolloutSamples.Healthy();
        calm.ScheduledVerdicts = [new ScheduledVerdict { Gate = "quality", Run = "chat-drift-3", Drifted = false }];

        var change = PromoteCommand.AcceptDrift(With(drifted));
        var refused = PromoteCommand.AcceptDrift(With(calm));

        Assert.True(Applied(change, drifted).AcceptDrift);
        Assert.Equal(
            "modeldeployment team-a/chat: drift accepted: the newest scheduled runs (chat-drift-2) become the release of revision 5c4a",
            change.Message);
        Assert.True(refused.IsRefusal);
        Assert.Equal("modeldeployment team-a/chat has no drift to accept: the newest scheduled run of each gate found none", refused.Message);
    }

    [Fact]
    public void Promote_full_sets_promote_full_whether_paused_or_not()
    {
        foreach (var before in new[] { RolloutSamples.PausedOnEvaluation(), RolloutSamples.Progressing() })
        {
            var change = PromoteCommand.Decide(With(before), full: true);

            var status = Applied(change, before);
            Assert.True(status.PromoteFull);
            Assert.Null(status.PauseConditions);
            Assert.Equal("modeldeployment team-a/chat: promoted fully (the operator skips the remaining steps and makes revision 7d9f stable)", change.Message);
        }
    }

    [Fact]
    public void Promote_refuses_without_a_rollout_when_aborted_and_when_not_paused()
    {
        var none = PromoteCommand.Decide(With(RolloutSamples.Healthy()), full: true);
        var missingStatus = PromoteCommand.Decide(With(null), full: false);
        var aborted = PromoteCommand.Decide(With(RolloutSamples.Aborted()), full: true);
        var running = PromoteCommand.Decide(With(RolloutSamples.Progressing()), full: false);

        Assert.All([none, missingStatus, aborted, running], c => Assert.True(c.IsRefusal && c.Edit is null, c.Message));
        Assert.Equal("modeldeployment team-a/chat has no rollout in progress, so there is nothing to promote", none.Message);
        Assert.Equal(none.Message, missingStatus.Message);
        Assert.Equal("the rollout of revision 7d9f of modeldeployment team-a/chat was aborted; use llmop retry to roll it out again", aborted.Message);
        Assert.Equal("the rollout of revision 7d9f of modeldeployment team-a/chat is not paused; --full skips the remaining steps", running.Message);
    }

    [Fact]
    public void Promote_that_the_operator_has_not_acted_on_yet_is_already_done()
    {
        var released = RolloutSamples.PausedOnEvaluation();
        released.PauseConditions = null;
        var full = RolloutSamples.Progressing();
        full.PromoteFull = true;

        var again = PromoteCommand.Decide(With(released), full: false);
        var fullAgain = PromoteCommand.Decide(With(full), full: false);

        Assert.Equal((false, null), (again.IsRefusal, again.Edit));
        Assert.StartsWith("modeldeployment team-a/chat: already promoted (", again.Message, StringComparison.Ordinal);
        Assert.Equal((false, null), (fullAgain.IsRefusal, fullAgain.Edit));
        Assert.StartsWith("modeldeployment team-a/chat: already promoted fully (", fullAgain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abort_sets_abort_and_says_so_when_it_is_set_already()
    {
        var change = AbortCommand.Decide(With(RolloutSamples.PausedOnEvaluation()));
        var again = AbortCommand.Decide(With(RolloutSamples.Aborted()));
        var none = AbortCommand.Decide(With(RolloutSamples.Healthy()));

        Assert.True(Applied(change, RolloutSamples.PausedOnEvaluation()).Abort);
        Assert.Equal("modeldeployment team-a/chat: aborted (the operator sends all traffic back to revision 5c4a)", change.Message);
        Assert.Equal((false, null), (again.IsRefusal, again.Edit));
        Assert.Equal(
            "modeldeployment team-a/chat: already aborted (revision 5c4a serves all traffic; llmop retry rolls out revision 7d9f again)",
            again.Message);
        Assert.Equal((true, "modeldeployment team-a/chat has no rollout in progress, so there is nothing to abort"), (none.IsRefusal, none.Message));
    }

    [Fact]
    public void Retry_clears_abort_and_refuses_when_nothing_was_aborted()
    {
        var change = RetryCommand.Decide(With(RolloutSamples.Aborted()));
        var running = RetryCommand.Decide(With(RolloutSamples.Progressing()));
        var none = RetryCommand.Decide(With(RolloutSamples.Healthy()));

        Assert.False(Applied(change, RolloutSamples.Aborted()).Abort);
        Assert.Equal("modeldeployment team-a/chat: retrying (the operator rolls out revision 7d9f again from step 1)", change.Message);
        Assert.Equal(
            (true, "the rollout of revision 7d9f of modeldeployment team-a/chat is not aborted, so there is nothing to retry"),
            (running.IsRefusal, running.Message));
        Assert.Equal((true, "modeldeployment team-a/chat has no rollout in progress, so there is nothing to retry"), (none.IsRefusal, none.Message));
    }

    [Fact]
    public void Retry_that_the_operator_has_not_acted_on_yet_is_already_done()
    {
        var retried = RolloutSamples.Aborted();
        retried.Abort = false;

        var again = RetryCommand.Decide(With(retried));

        Assert.Equal((false, null), (again.IsRefusal, again.Edit));
        Assert.StartsWith("modeldeployment team-a/chat: already retrying (", again.Message, StringComparison.Ordinal);
    }
}
