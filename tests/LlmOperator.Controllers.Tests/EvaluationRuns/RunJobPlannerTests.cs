using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.EvaluationRuns;

namespace LlmOperator.Controllers.Tests.EvaluationRuns;

public class RunJobPlannerTests
{
    private const string Image = "ghcr.io/llmoperator/llmop:0.1.0";
    private static readonly EvaluationJobSettings Settings = new(Image, EvaluationJobs.DefaultDeadlineMargin);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static EvaluationRun Run(EvaluationRunStatus? status = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "llama-abc-1-s0-quality", NamespaceProperty = "ml" },
        Spec = new EvaluationRunSpec { Gate = new GateSnapshot { Name = "quality", Spec = new EvaluationGateSpec { Execution = new ExecutionSettings { Timeout = "10m" } } } },
        Status = status,
    };

    private static Dictionary<string, JobObservation> Jobs(params JobObservation[] jobs) => jobs.ToDictionary(j => j.Name);

    [Fact]
    public void A_new_run_gets_its_first_job_and_is_pending()
    {
        var plan = RunJobPlanner.Plan(Run(), Jobs(), Now, Settings, othersRunning: 0);

        Assert.Equal("llama-abc-1-s0-quality-1", plan.JobToCreate!.Metadata.Name);
        Assert.Equal(EvaluationPhase.Pending, plan.Status!.Phase);
        Assert.Equal(1, plan.Status.Attempts);
        Assert.Equal("llama-abc-1-s0-quality-1", plan.Status.JobName);
    }

    [Fact]
    public void A_running_job_or_a_final_verdict_needs_nothing()
    {
        var running = RunJobPlanner.Plan(Run(new EvaluationRunStatus { Phase = EvaluationPhase.Running, Attempts = 1 }),
            Jobs(new JobObservation("llama-abc-1-s0-quality-1", false, false, null, null)), Now, Settings, othersRunning: 0);
        var failedVerdict = RunJobPlanner.Plan(Run(new EvaluationRunStatus { Phase = EvaluationPhase.Failed, Attempts = 1 }),
            Jobs(new JobObservation("llama-abc-1-s0-quality-1", true, true, "BackoffLimitExceeded", Now)), Now, Settings, othersRunning: 0);

        Assert.Equal(new RunJobPlan(null, null, null, null), running);
        Assert.Equal(new RunJobPlan(null, null, null, null), failedVerdict);
    }

    [Fact]
    public void A_job_that_ends_without_a_verdict_is_an_error_after_a_grace_period_then_retried()
    {
        var job = new JobObservation("llama-abc-1-s0-quality-1", true, true, "DeadlineExceeded", Now);
        var run = Run(new EvaluationRunStatus { Phase = EvaluationPhase.Running, Attempts = 1 });

        var early = RunJobPlanner.Plan(run, Jobs(job), Now + TimeSpan.FromSeconds(2), Settings, othersRunning: 0);
        var late = RunJobPlanner.Plan(run, Jobs(job), Now + TimeSpan.FromSeconds(15), Settings, othersRunning: 0);

        Assert.Null(early.Status);
        Assert.Equal(RunJobPlanner.VerdictGrace - TimeSpan.FromSeconds(2), early.RequeueAfter);
        Assert.Equal(EvaluationPhase.Error, late.Status!.Phase);
        Assert.Equal("Error: the evaluation job llama-abc-1-s0-quality-1 ran past its deadline; attempt 1 of 3, retrying", late.Status.Verdict);
        Assert.Equal("Error: the evaluation job llama-abc-1-s0-quality-1 ran past its deadline", late.Warning);

        run.Status = new EvaluationRunStatus { Phase = EvaluationPhase.Error, Attempts = 1, CompletedAt = (Now + TimeSpan.FromSeconds(15)).UtcDateTime, Verdict = late.Status.Verdict };
        var retry = RunJobPlanner.Plan(run, Jobs(job), Now + TimeSpan.FromSeconds(20), Settings, othersRunning: 0);

        Assert.Equal("llama-abc-1-s0-quality-2", retry.JobToCreate!.Metadata.Name);
        Assert.Equal(2, retry.Status!.Attempts);
        Assert.Equal(EvaluationPhase.Pending, retry.Status.Phase);
    }

    [Fact]
    public void The_last_attempt_s_error_stands()
    {
        var run = Run(new EvaluationRunStatus { Phase = EvaluationPhase.Error, Attempts = RunJobPlanner.MaxAttempts, CompletedAt = Now.UtcDateTime });

        var plan = RunJobPlanner.Plan(run, Jobs(), Now + TimeSpan.FromHours(1), Settings, othersRunning: 0);

        Assert.Equal(new RunJobPlan(null, null, null, null), plan);
    }

    [Fact]
    public void A_job_deleted_by_hand_is_made_again()
    {
        var plan = RunJobPlanner.Plan(Run(new EvaluationRunStatus { Phase = EvaluationPhase.Pending, Attempts = 2 }), Jobs(), Now, Settings, othersRunning: 0);

        Assert.Equal("llama-abc-1-s0-quality-2", plan.JobToCreate!.Metadata.Name);
        Assert.Null(plan.Status);
    }

    [Fact]
    public void A_run_waits_pending_while_the_limit_of_evaluations_runs_and_starts_when_one_is_free()
    {
        var limited = Settings with { MaxConcurrent = 2 };

        var queued = RunJobPlanner.Plan(Run(), Jobs(), Now, limited, othersRunning: 2);
        Assert.Null(queued.JobToCreate);
        Assert.Equal(EvaluationPhase.Pending, queued.Status!.Phase);
        Assert.Null(queued.Status.Attempts);
        Assert.Equal("Queued: the operator's limit of 2 concurrent evaluations is reached", queued.Status.Verdict);
        Assert.Equal(RunJobPlanner.QueuedRecheck, queued.RequeueAfter);

        var started = RunJobPlanner.Plan(Run(queued.Status), Jobs(), Now, limited, othersRunning: 1);
        Assert.Equal("llama-abc-1-s0-quality-1", started.JobToCreate!.Metadata.Name);
        Assert.Equal(1, started.Status!.Attempts);
    }

    [Fact]
    public void A_retry_due_waits_for_a_free_evaluation_without_changing_the_status()
    {
        var run = Run(new EvaluationRunStatus { Phase = EvaluationPhase.Error, Attempts = 1, CompletedAt = Now.UtcDateTime, Verdict = "Error: the evaluation job crashed" });
        var due = Now + RunJobPlanner.RetryBackoff;

        var waiting = RunJobPlanner.Plan(run, Jobs(), due, Settings with { MaxConcurrent = 1 }, othersRunning: 1);
        var retried = RunJobPlanner.Plan(run, Jobs(), due, Settings with { MaxConcurrent = 1 }, othersRunning: 0);

        Assert.Equal(new RunJobPlan(null, null, RunJobPlanner.QueuedRecheck, null), waiting);
        Assert.Equal("llama-abc-1-s0-quality-2", retried.JobToCreate!.Metadata.Name);
    }
}
