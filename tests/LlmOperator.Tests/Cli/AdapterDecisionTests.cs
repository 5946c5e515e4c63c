using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;

namespace LlmOperator.Tests.Cli;

// What promote, abort and retry --adapter decide from an adapter's status, as the adapter planner reads it.
public class AdapterDecisionTests
{
    private static ModelDeployment With(AdapterStatus adapter)
    {
        var model = RolloutSamples.Model("team-a");
        model.Status = RolloutSamples.Healthy();
        model.Status.Adapters = [new AdapterStatus { Name = "chat-tone", StableRevision = "aaaa" }, adapter];
        return model;
    }

    private static AdapterStatus Candidate(bool? paused = null, bool? abort = null, DateTime? abortedAt = null) => new()
    {
        Name = "sql",
        StableRevision = "1d7a",
        CandidateRevision = "6c0e",
        Paused = paused,
        Abort = abort,
        AbortedAt = abortedAt,
    };

    private static AdapterStatus Applied(RolloutChange change, ModelDeployment model)
    {
        Assert.False(change.IsRefusal, change.Message);
        change.Edit!(model.Status!);
        return model.Status!.Adapters!.Single(a => a.Name == "sql");
    }

    [Fact]
    public void Promote_swaps_in_a_paused_candidate_and_refuses_one_that_is_not_paused_or_was_aborted()
    {
        var paused = With(Candidate(paused: true));
        var change = AdapterDecisions.Promote(paused, "sql");

        Assert.True(Applied(change, paused).Promote);
        Assert.Equal("modeldeployment team-a/chat: adapter sql promoted (the operator swaps in revision 6c0e)", change.Message);
        Assert.Equal(
            "the rollout of adapter sql of modeldeployment team-a/chat is not paused",
            AdapterDecisions.Promote(With(Candidate()), "sql").Message);
        Assert.True(AdapterDecisions.Promote(With(Candidate(abort: true)), "sql").IsRefusal);
    }

    [Fact]
    public void Abort_sets_the_adapter_s_abort_and_retry_clears_it()
    {
        var evaluating = With(Candidate());
        Assert.True(Applied(AdapterDecisions.Abort(evaluating, "sql"), evaluating).Abort);

        var aborted = With(Candidate(abort: true, abortedAt: RolloutSamples.Start));
        var retry = AdapterDecisions.Retry(aborted, "sql");
        Assert.False(Applied(retry, aborted).Abort);
        Assert.Equal("modeldeployment team-a/chat: adapter sql retrying (the operator rolls out revision 6c0e again)", retry.Message);
        Assert.True(AdapterDecisions.Retry(With(Candidate()), "sql").IsRefusal);
    }

    [Fact]
    public void An_adapter_that_is_not_there_or_not_rolling_out_is_refused()
    {
        var model = With(Candidate());

        Assert.Equal("modeldeployment team-a/chat has no adapter nope in its status", AdapterDecisions.Abort(model, "nope").Message);
        Assert.Equal(
            "adapter chat-tone of modeldeployment team-a/chat has no rollout in progress, so there is nothing to abort",
            AdapterDecisions.Abort(model, "chat-tone").Message);
    }
}
