using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// Runs an EvaluationRun as Jobs, as a pure function of the run, its Jobs and what the current attempt's
/// Job reported. The controller is the only writer of the run's status; the Job only reports its outcome
/// in the run's results ConfigMap. The states, read from the status:
/// <list type="bullet">
/// <item>no attempt yet: the first attempt starts, or waits Pending while the operator's limit of
/// evaluations in flight is reached;</item>
/// <item>an attempt whose Job runs: Pending until its pod starts, then Running;</item>
/// <item>an attempt whose Job ended: its reported verdict is the run's (Passed, Failed, Inconclusive);
/// an Error, or no usable report (a crash, its deadline), is an Error attempt;</item>
/// <item>an Error attempt: another attempt after a backoff, up to <see cref="GateRuns.MaxAttempts"/>, after which
/// the Error stands (and the rollout or prompt treats it as Inconclusive).</item>
/// </list>
/// </summary>
internal static class RunJobPlanner
{
    /// <summary>The condition, True with the verdict's reason, of a run that has ended for good.</summary>
    public const string CompleteCondition = "Complete";

    /// <summary>The wait before another attempt, per attempt made.</summary>
    public static readonly TimeSpan RetryBackoff = TimeSpan.FromSeconds(5);

    /// <summary>How often a run waiting for a free evaluation slot looks again.</summary>
    public static readonly TimeSpan QueuedRecheck = TimeSpan.FromSeconds(2);

    /// <summary>The plan for one run.</summary>
    public static RunJobPlan Plan(RunJobInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var run = inputs.Run;
        var phase = run.Status?.Phase;
        var attempts = run.Status?.Attempts ?? 0;
        var full = inputs.OthersInFlight >= inputs.Settings.MaxConcurrent;
        if (phase is EvaluationPhase.Passed or EvaluationPhase.Failed or EvaluationPhase.Inconclusive)
        {
            return RunJobPlan.Nothing;
        }

        if (attempts == 0)
        {
            // The message names the limit, not the count, so that waiting writes the status once.
            var limit = inputs.Settings.MaxConcurrent;
            return full
                ? new RunJobPlan
                {
                    Status = Queued(run, $"Queued: the operator's limit of {limit} concurrent evaluation{(limit == 1 ? "" : "s")} is reached"),
                    RequeueAfter = QueuedRecheck,
                }
                : StartAttempt(inputs, 1, message: null);
        }

        if (phase == EvaluationPhase.Error)
        {
            return Retry(inputs, attempts, full);
        }

        var job = inputs.Jobs.GetValueOrDefault(EvaluationJobs.Name(run, attempts));
        if (job is null)
        {
            // The Job of the current attempt is gone (deleted by hand, say): make it again.
            return new RunJobPlan { JobToCreate = EvaluationJobs.Job(run, attempts, inputs.Settings, inputs.Secrets) };
        }

        if (!job.Finished)
        {
            return job.StartedAt is { } started && phase != EvaluationPhase.Running
                ? new RunJobPlan { Status = Running(run, started) }
                : RunJobPlan.Nothing;
        }

        return inputs.Report?.Outcome is { Attempt: var reported, Phase: not EvaluationPhase.Error } outcome && reported == attempts
            ? new RunJobPlan { Status = Finished(run, outcome) }
            : Failed(inputs, job, attempts);
    }

    private static RunJobPlan Retry(RunJobInputs inputs, int attempts, bool full)
    {
        var status = inputs.Run.Status!;
        if (attempts >= GateRuns.MaxAttempts)
        {
            return RunJobPlan.Nothing;
        }

        var retryAt = (status.CompletedAt is { } completed ? new DateTimeOffset(completed, TimeSpan.Zero) : inputs.Now) + RetryBackoff * attempts;
        if (inputs.Now < retryAt || full)
        {
            return new RunJobPlan { RequeueAfter = inputs.Now < retryAt ? retryAt - inputs.Now : QueuedRecheck };
        }

        return StartAttempt(inputs, attempts + 1, $"attempt {attempts + 1} of {GateRuns.MaxAttempts} after: {status.Verdict}");
    }

    private static RunJobPlan StartAttempt(RunJobInputs inputs, int attempt, string? message)
    {
        var status = Copy(inputs.Run);
        status.Phase = EvaluationPhase.Pending;
        status.Attempts = attempt;
        status.JobName = EvaluationJobs.Name(inputs.Run, attempt);
        status.Verdict = message;
        // A new attempt starts clean: the last attempt's results no longer describe the run.
        (status.Summary, status.Comparison, status.Metrics, status.ResultsRef, status.StartedAt, status.CompletedAt) = (null, null, null, null, null, null);
        return new RunJobPlan { JobToCreate = EvaluationJobs.Job(inputs.Run, attempt, inputs.Settings, inputs.Secrets), Status = status };
    }

    private static EvaluationRunStatus Queued(EvaluationRun run, string message)
    {
        var status = Copy(run);
        (status.Phase, status.Verdict) = (EvaluationPhase.Pending, message);
        return status;
    }

    private static EvaluationRunStatus Running(EvaluationRun run, DateTime startedAt)
    {
        var status = Copy(run);
        (status.Phase, status.StartedAt) = (EvaluationPhase.Running, startedAt);
        return status;
    }

    private static EvaluationRunStatus Finished(EvaluationRun run, EvaluationOutcome outcome)
    {
        var status = Copy(run);
        status.Phase = outcome.Phase;
        status.Verdict = outcome.Verdict;
        status.Summary = outcome.Summary;
        status.Comparison = outcome.Comparison;
        status.Metrics = outcome.Metrics;
        status.ResultsRef = outcome.HasResults
            ? new ConfigMapKeyReference { Name = RunResults.ConfigMapName(run.Metadata.Name), Key = RunResults.ResultsKey }
            : null;
        status.StartedAt ??= outcome.StartedAt;
        status.CompletedAt = outcome.CompletedAt;
        Complete(run, status, outcome.Phase, new DateTimeOffset(outcome.CompletedAt, TimeSpan.Zero));
        return status;
    }

    // The attempt reached no verdict: the gate could not be run, or the Job reported nothing usable.
    private static RunJobPlan Failed(RunJobInputs inputs, JobObservation job, int attempts)
    {
        var outcome = inputs.Report?.Outcome is { } reported && reported.Attempt == attempts ? reported : null;
        var (reason, problem) = outcome is not null
            ? ("EvaluationError", outcome.Verdict.Trim().TrimEnd('.'))
            : ("EvaluationJobFailed", $"Error: the evaluation job {job.Name} {JobProblem(job, inputs.Report?.Unreadable)}");
        var more = attempts < GateRuns.MaxAttempts;
        var status = Copy(inputs.Run);
        status.Phase = EvaluationPhase.Error;
        status.Verdict = problem + (more ? $"; attempt {attempts} of {GateRuns.MaxAttempts}, retrying" : $"; all {GateRuns.MaxAttempts} attempts used");
        // What the metrics measured before one could not be measured (Prometheus unreachable, a query refused) says why.
        status.Metrics = outcome?.Metrics;
        // The operator's clock: the retry backoff is measured from here.
        status.CompletedAt = inputs.Now.UtcDateTime;
        if (!more)
        {
            Complete(inputs.Run, status, EvaluationPhase.Error, inputs.Now);
        }

        return new RunJobPlan { Status = status, RequeueAfter = more ? RetryBackoff * attempts : null, Warning = PlannedEvent.Warning(reason, problem) };
    }

    private static string JobProblem(JobObservation job, string? unreadable) => unreadable is not null
        ? $"reported an outcome that cannot be read: {unreadable}"
        : job.Failed && job.Reason == "DeadlineExceeded"
            ? "ran past its deadline"
            : job.Failed
                ? $"failed before reporting an outcome ({job.Reason ?? "its container exited with an error"})"
                : "ended without reporting an outcome";

    private static void Complete(EvaluationRun run, EvaluationRunStatus status, EvaluationPhase phase, DateTimeOffset at)
    {
        var reason = phase switch
        {
            EvaluationPhase.Passed => "EvaluationPassed",
            EvaluationPhase.Failed => "EvaluationFailed",
            EvaluationPhase.Inconclusive => "EvaluationInconclusive",
            _ => "EvaluationError",
        };
        Conditions.Set(status.Conditions ??= [], CompleteCondition, ConditionStatus.True, reason, status.Verdict, run.Metadata.Generation, at);
    }

    private static EvaluationRunStatus Copy(EvaluationRun run)
    {
        var status = run.Status is { } current ? KubernetesJson.Deserialize<EvaluationRunStatus>(KubernetesJson.Serialize(current)) : new EvaluationRunStatus();
        status.ObservedGeneration = run.Metadata.Generation;
        return status;
    }
}
