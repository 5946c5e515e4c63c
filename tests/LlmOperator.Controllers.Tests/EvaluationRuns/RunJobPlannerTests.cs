using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.EvaluationRuns;

namespace LlmOperator.Controllers.Tests.EvaluationRuns;

public class RunJobPlannerTests
{
    private const string Image = "ghcr.io/llmoperator/llmop:0.1.0";
    private const string FirstJob = "llama-abc-1-s0-quality-1";
    private static readonly EvaluationJobSettings Settings = new(Image, ControllerOptions.DefaultEvaluationDeadlineMargin);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static EvaluationRun Run(EvaluationRunStatus? status = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "llama-abc-1-s0-quality", NamespaceProperty = "ml", Generation = 1 },
        Spec = new EvaluationRunSpec
        {
            Gate = new GateSnapshot
            {
                Name = "quality",
                Spec = new EvaluationGateSpec { Execution = new ExecutionSettings { Timeout = "10m" } },
            },
        },
        Status = status,
    };

    private static RunJobPlan Plan(
        EvaluationRun run, JobObservation? job = null, JobReport? report = null, DateTimeOffset? now = null,
        EvaluationJobSettings? settings = null, int othersInFlight = 0) =>
        RunJobPlanner.Plan(new RunJobInputs
        {
            Run = run,
            Jobs = job is null ? new Dictionary<string, JobObservation>() : new Dictionary<string, JobObservation> { [job.Name] = job },
            Report = report,
            Settings = settings ?? Settings,
            OthersInFlight = othersInFlight,
            Now = now ?? Now,
        });

    private static JobObservation Running(string name = FirstJob) => new(name, Now.UtcDateTime, Finished: false, Failed: false, Reason: null);

    private static JobObservation Ended(string name = FirstJob, string? failure = null) =>
        new(name, Now.UtcDateTime, Finished: true, Failed: failure is not null, Reason: failure);

    private static JobReport Reported(EvaluationPhase phase, int attempt = 1, string verdict = "Passed: every threshold is met.") => new(new EvaluationOutcome
    {
        Attempt = attempt,
        Phase = phase,
        Verdict = verdict,
        Summary = new EvaluationSummary { PassRate = 0.9 },
        HasResults = phase != EvaluationPhase.Error,
        StartedAt = Now.UtcDateTime,
        CompletedAt = Now.UtcDateTime.AddMinutes(1),
    }, null);

    private static EvaluationRunStatus Attempt(EvaluationPhase phase, int attempts = 1) =>
        new() { Phase = phase, Attempts = attempts, JobName = $"llama-abc-1-s0-quality-{attempts}" };

    [Fact]
    public void A_new_run_gets_its_first_job_and_is_pending()
    {
        var plan = Plan(Run());

        Assert.Equal(FirstJob, plan.JobToCreate!.Metadata.Name);
        Assert.Equal(["eval", "--run", "ml/llama-abc-1-s0-quality", "--attempt", "1"], plan.JobToCreate.Spec.Template.Spec.Containers[0].Args);
        Assert.Equal((EvaluationPhase.Pending, 1, FirstJob), (plan.Status!.Phase, plan.Status.Attempts, plan.Status.JobName));
        Assert.Equal(1, plan.Status.ObservedGeneration);
    }

    [Fact]
    public void A_started_job_makes_the_run_running_once_from_the_time_it_started()
    {
        var run = Run(Attempt(EvaluationPhase.Pending));

        var started = Plan(run, Running());
        run.Status = started.Status;
        var again = Plan(run, Running());

        Assert.Equal((EvaluationPhase.Running, Now.UtcDateTime), (started.Status!.Phase, started.Status.StartedAt));
        Assert.Same(RunJobPlan.Nothing, again);
    }

    [Fact]
    public void A_final_verdict_needs_nothing()
    {
        Assert.Same(RunJobPlan.Nothing, Plan(Run(Attempt(EvaluationPhase.Failed)), Ended(failure: "BackoffLimitExceeded")));
    }

    [Fact]
    public void The_verdict_the_job_reported_for_its_attempt_becomes_the_run_s()
    {
        var plan = Plan(Run(Attempt(EvaluationPhase.Running)), Ended(), Reported(EvaluationPhase.Passed));

        var status = plan.Status!;
        Assert.Equal((EvaluationPhase.Passed, "Passed: every threshold is met.", 0.9), (status.Phase, status.Verdict, status.Summary!.PassRate));
        Assert.Equal(("llama-abc-1-s0-quality-results", RunResults.ResultsKey), (status.ResultsRef!.Name, status.ResultsRef.Key));
        Assert.Equal((Now.UtcDateTime, Now.UtcDateTime.AddMinutes(1)), (status.StartedAt, status.CompletedAt));
        var complete = Assert.Single(status.Conditions!);
        Assert.Equal(("Complete", ConditionStatus.True, "EvaluationPassed"), (complete.Type, complete.Status, complete.Reason));
        Assert.Null(plan.Warning);
    }

    [Theory]
    [InlineData("DeadlineExceeded", "ran past its deadline")]
    [InlineData("BackoffLimitExceeded", "failed before reporting an outcome (BackoffLimitExceeded)")]
    [InlineData(null, "ended without reporting an outcome")]
    public void A_job_that_ends_without_a_report_is_an_error_attempt_retried_after_a_backoff(string? failure, string problem)
    {
        var run = Run(Attempt(EvaluationPhase.Running));

        var plan = Plan(run, Ended(failure: failure), JobReport.None);

        Assert.Equal(EvaluationPhase.Error, plan.Status!.Phase);
        Assert.Equal($"Error: the evaluation job {FirstJob} {problem}; attempt 1 of 3, retrying", plan.Status.Verdict);
        Assert.Equal(Now.UtcDateTime, plan.Status.CompletedAt);
        Assert.Equal(PlannedEvent.Warning("EvaluationJobFailed", $"Error: the evaluation job {FirstJob} {problem}"), plan.Warning);
        Assert.Equal(RunJobPlanner.RetryBackoff, plan.RequeueAfter);
        Assert.Null(plan.Status.Conditions);

        run.Status = plan.Status;
        Assert.Equal(RunJobPlanner.RetryBackoff - TimeSpan.FromSeconds(3), Plan(run, now: Now + TimeSpan.FromSeconds(3)).RequeueAfter);
        var retry = Plan(run, Ended(failure: failure), now: Now + RunJobPlanner.RetryBackoff);
        Assert.Equal("llama-abc-1-s0-quality-2", retry.JobToCreate!.Metadata.Name);
        Assert.Equal((EvaluationPhase.Pending, 2), (retry.Status!.Phase, retry.Status.Attempts));
        Assert.StartsWith("attempt 2 of 3 after: Error: the evaluation job", retry.Status.Verdict, StringComparison.Ordinal);
        Assert.Null(retry.Status.CompletedAt);
    }

    [Fact]
    public void What_each_metric_measured_goes_to_the_status_with_the_verdict_or_the_error_and_a_new_attempt_starts_without_it()
    {
        static JobReport WithMetric(EvaluationPhase phase, string message)
        {
            var report = Reported(phase, verdict: $"{phase}: {message}.");
            var measured = new MetricMeasurement { Value = "4.2" };
            report.Outcome!.Metrics = [new MetricResult { Name = "ttft", Phase = phase, Message = message, Measurements = [measured] }];
            return report;
        }

        var failed = Plan(Run(Attempt(EvaluationPhase.Running)), Ended(), WithMetric(EvaluationPhase.Failed, "metric ttft failed 1 of 1 measurement"));
        var error = Plan(Run(Attempt(EvaluationPhase.Running)), Ended(), WithMetric(EvaluationPhase.Error, "metric ttft cannot be measured: refused"));
        var retried = Run(error.Status);
        var retry = Plan(retried, Ended(), now: Now + RunJobPlanner.RetryBackoff);

        var metric = Assert.Single(failed.Status!.Metrics!);
        Assert.Equal(("ttft", EvaluationPhase.Failed, "4.2"), (metric.Name, metric.Phase!.Value, metric.Measurements![0].Value));
        Assert.Equal(EvaluationPhase.Error, error.Status!.Phase);
        Assert.Equal("metric ttft cannot be measured: refused", Assert.Single(error.Status.Metrics!).Message);
        Assert.Equal(2, retry.Status!.Attempts);
        Assert.Null(retry.Status.Metrics);
    }

    [Fact]
    public void An_error_the_job_reported_is_an_error_attempt_with_its_reason()
    {
        var plan = Plan(Run(Attempt(EvaluationPhase.Running)), Ended(), Reported(EvaluationPhase.Error, verdict: "Error: the dataset cannot be used."));

        Assert.Equal("Error: the dataset cannot be used; attempt 1 of 3, retrying", plan.Status!.Verdict);
        Assert.Equal("EvaluationError", plan.Warning!.Reason);
    }

    [Fact]
    public void A_report_of_an_earlier_attempt_or_one_that_cannot_be_read_is_no_verdict()
    {
        var run = Run(Attempt(EvaluationPhase.Running, attempts: 2));
        var job = Ended("llama-abc-1-s0-quality-2");

        var stale = Plan(run, job, Reported(EvaluationPhase.Passed, attempt: 1));
        var unreadable = Plan(run, job, new JobReport(null, "key outcome.json is not an outcome"));

        Assert.Equal(EvaluationPhase.Error, stale.Status!.Phase);
        Assert.Contains("ended without reporting an outcome", stale.Status.Verdict, StringComparison.Ordinal);
        Assert.Contains("reported an outcome that cannot be read: key outcome.json is not an outcome", unreadable.Status!.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_attempt_s_error_stands_and_completes_the_run()
    {
        var last = Plan(Run(Attempt(EvaluationPhase.Running, GateRuns.MaxAttempts)), Ended("llama-abc-1-s0-quality-3", "DeadlineExceeded"), JobReport.None);

        Assert.EndsWith("; all 3 attempts used", last.Status!.Verdict, StringComparison.Ordinal);
        Assert.Null(last.RequeueAfter);
        Assert.Equal("EvaluationError", Assert.Single(last.Status.Conditions!).Reason);
        Assert.Same(RunJobPlan.Nothing, Plan(Run(last.Status), now: Now + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_job_deleted_by_hand_is_made_again()
    {
        var plan = Plan(Run(Attempt(EvaluationPhase.Pending, attempts: 2)));

        Assert.Equal("llama-abc-1-s0-quality-2", plan.JobToCreate!.Metadata.Name);
        Assert.Null(plan.Status);
    }

    [Fact]
    public void A_run_waits_pending_while_the_limit_of_evaluations_runs_and_starts_when_one_is_free()
    {
        var limited = Settings with { MaxConcurrent = 2 };

        var queued = Plan(Run(), settings: limited, othersInFlight: 2);
        Assert.Null(queued.JobToCreate);
        Assert.Equal((EvaluationPhase.Pending, null), (queued.Status!.Phase, queued.Status.Attempts));
        Assert.Equal("Queued: the operator's limit of 2 concurrent evaluations is reached", queued.Status.Verdict);
        Assert.Equal(RunJobPlanner.QueuedRecheck, queued.RequeueAfter);

        var started = Plan(Run(queued.Status), settings: limited, othersInFlight: 1);
        Assert.Equal(FirstJob, started.JobToCreate!.Metadata.Name);
        Assert.Equal(1, started.Status!.Attempts);
    }

    [Fact]
    public void A_retry_due_waits_for_a_free_evaluation_without_changing_the_status()
    {
        var run = Run(new EvaluationRunStatus
        {
            Phase = EvaluationPhase.Error,
            Attempts = 1,
            CompletedAt = Now.UtcDateTime,
            Verdict = "Error: the evaluation job crashed",
        });
        var due = Now + RunJobPlanner.RetryBackoff;

        var waiting = Plan(run, now: due, settings: Settings with { MaxConcurrent = 1 }, othersInFlight: 1);
        var retried = Plan(run, now: due, settings: Settings with { MaxConcurrent = 1 }, othersInFlight: 0);

        Assert.Equal(new RunJobPlan { RequeueAfter = RunJobPlanner.QueuedRecheck }, waiting);
        Assert.Equal("llama-abc-1-s0-quality-2", retried.JobToCreate!.Metadata.Name);
    }
}
