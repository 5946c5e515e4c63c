using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.EvaluationRuns;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Testing;

namespace LlmOperator.Controllers.Tests.EvaluationRuns;

public class EvaluationsInFlightTests
{
    private static EvaluationRun Run(string uid, EvaluationPhase? phase = null, int? attempts = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = uid, NamespaceProperty = "ml", Uid = uid },
        Status = phase is null ? null : new EvaluationRunStatus { Phase = phase, Attempts = attempts },
    };

    private static EvaluationsInFlight Started()
    {
        var inFlight = new EvaluationsInFlight();
        inFlight.StartTerm(UnconnectedInformers.Create());
        return inFlight;
    }

    private static RunJobPlan Starts(int attempt) => new() { Status = new EvaluationRunStatus { Phase = EvaluationPhase.Pending, Attempts = attempt } };

    [Fact]
    public void The_count_follows_the_informer_s_events()
    {
        var inFlight = Started();
        inFlight.Observe(new CacheChange<EvaluationRun>(null, Run("a", EvaluationPhase.Running, 1)));
        inFlight.Observe(new CacheChange<EvaluationRun>(null, Run("b", EvaluationPhase.Pending, 1)));
        inFlight.Observe(new CacheChange<EvaluationRun>(null, Run("queued", EvaluationPhase.Pending)));
        Assert.Equal(2, inFlight.Count);

        inFlight.Observe(new CacheChange<EvaluationRun>(Run("a", EvaluationPhase.Running, 1), Run("a", EvaluationPhase.Passed, 1)));
        inFlight.Observe(new CacheChange<EvaluationRun>(Run("b", EvaluationPhase.Pending, 1), null));

        Assert.Equal(0, inFlight.Count);
    }

    [Fact]
    public void An_attempt_started_counts_before_the_cache_shows_it_and_once_after()
    {
        var inFlight = Started();
        var run = Run("a");

        inFlight.Admit(run, others => Starts(1));
        var seen = -1;
        inFlight.Admit(Run("b"), others => { seen = others; return RunJobPlan.Nothing; });
        Assert.Equal(1, seen);

        inFlight.Observe(new CacheChange<EvaluationRun>(run, Run("a", EvaluationPhase.Pending, 1)));
        Assert.Equal(1, inFlight.Count);
    }

    [Fact]
    public void A_run_is_not_counted_against_itself_and_a_start_whose_write_failed_is_released()
    {
        var inFlight = Started();
        var run = Run("a", EvaluationPhase.Running, 1);
        inFlight.Observe(new CacheChange<EvaluationRun>(null, run));
        var seen = -1;

        inFlight.Admit(run, others => { seen = others; return RunJobPlan.Nothing; });
        Assert.Equal(0, seen);

        var other = Run("b");
        inFlight.Admit(other, others => Starts(1));
        Assert.Equal(2, inFlight.Count);
        inFlight.Release(other);
        Assert.Equal(1, inFlight.Count);
    }

    [Fact]
    public void Two_workers_never_both_take_the_last_free_slot()
    {
        var inFlight = Started();
        const int limit = 5;
        var started = 0;

        Parallel.For(0, 200, i => inFlight.Admit(Run($"run-{i}"), others =>
        {
            if (others >= limit)
            {
                return RunJobPlan.Nothing;
            }

            Interlocked.Increment(ref started);
            return Starts(1);
        }));

        Assert.Equal(limit, started);
        Assert.Equal(limit, inFlight.Count);
    }

    [Fact]
    public void A_new_term_starts_with_nothing_in_flight()
    {
        var inFlight = Started();
        inFlight.Observe(new CacheChange<EvaluationRun>(null, Run("a", EvaluationPhase.Running, 1)));
        inFlight.Admit(Run("b"), others => Starts(1));

        inFlight.StartTerm(UnconnectedInformers.Create());

        Assert.Equal(0, inFlight.Count);
    }
}
