using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// Runs an EvaluationRun as Jobs, as a pure function of the run and its Jobs. The Job's llmop eval
/// writes the verdict itself; this decides the rest: the first attempt, a Job that ended without a
/// verdict (a crash, its deadline) as Error, and further attempts after an Error, up to
/// <see cref="MaxAttempts"/>, after which the Error stands (and a rollout treats it as Inconclusive).
/// </summary>
public static class RunJobPlanner
{
    /// <summary>Attempts before an Error is final.</summary>
    public const int MaxAttempts = 3;

    /// <summary>How long a finished Job may wait for its run's verdict to be seen (the two arrive through different watches).</summary>
    public static readonly TimeSpan VerdictGrace = TimeSpan.FromSeconds(5);

    /// <summary>The wait before another attempt, per attempt made.</summary>
    public static readonly TimeSpan RetryBackoff = TimeSpan.FromSeconds(5);

    /// <summary>How often a run waiting for a free evaluation slot looks again.</summary>
    public static readonly TimeSpan QueuedRecheck = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The plan for one run, from its Jobs (by name), the time, and how many other runs are in flight (an
    /// attempt started, no verdict yet): an attempt starts only while fewer than
    /// <see cref="EvaluationJobSettings.MaxConcurrent"/> are.
    /// </summary>
    public static RunJobPlan Plan(EvaluationRun run, IReadOnlyDictionary<string, JobObservation> jobs, DateTimeOffset now, EvaluationJobSettings settings, int othersRunning)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(settings);
        var full = othersRunning >= settings.MaxConcurrent;
        var status = run.Status;
        if (status?.Phase is EvaluationPhase.Passed or EvaluationPhase.Failed or EvaluationPhase.Inconclusive)
        {
            return new RunJobPlan(null, null, null, null);
        }

        var attempts = status?.Attempts ?? 0;
        if (attempts == 0)
        {
            // The message names the limit, not the count, so that waiting writes the status once.
            return full
                ? new RunJobPlan(null, new EvaluationRunStatus { Phase = EvaluationPhase.Pending, Verdict = $"Queued: the operator's limit of {settings.MaxConcurrent} concurrent evaluation{(settings.MaxConcurrent == 1 ? "" : "s")} is reached" }, QueuedRecheck, null)
                : StartAttempt(run, 1, settings, message: null);
        }

        if (status?.Phase == EvaluationPhase.Error)
        {
            if (attempts >= MaxAttempts)
            {
                return new RunJobPlan(null, null, null, null);
            }

            var retryAt = (status.CompletedAt is { } completed ? new DateTimeOffset(completed, TimeSpan.Zero) : now) + RetryBackoff * attempts;
            if (now < retryAt || full)
            {
                return new RunJobPlan(null, null, now < retryAt ? retryAt - now : QueuedRecheck, null);
            }

            return StartAttempt(run, attempts + 1, settings, $"attempt {attempts + 1} of {MaxAttempts} after: {status.Verdict}");
        }

        var job = jobs.GetValueOrDefault(EvaluationJobs.Name(run, attempts));
        if (job is null)
        {
            // The Job of the current attempt is gone (deleted by hand, say): make it again.
            return new RunJobPlan(EvaluationJobs.Job(run, attempts, settings), null, null, null);
        }

        if (!job.Finished)
        {
            return new RunJobPlan(null, null, null, null);
        }

        var finishedAt = job.FinishedAt ?? now;
        if (now < finishedAt + VerdictGrace)
        {
            return new RunJobPlan(null, null, finishedAt + VerdictGrace - now, null);
        }

        var verdict = job.Failed && job.Reason == "DeadlineExceeded"
            ? $"Error: the evaluation job {job.Name} ran past its deadline"
            : job.Failed
                ? $"Error: the evaluation job {job.Name} failed before reaching a verdict ({job.Reason ?? "its container exited with an error"})"
                : $"Error: the evaluation job {job.Name} ended without writing a verdict";
        var more = attempts < MaxAttempts;
        return new RunJobPlan(null, new EvaluationRunStatus
        {
            Phase = EvaluationPhase.Error,
            Verdict = verdict + (more ? $"; attempt {attempts} of {MaxAttempts}, retrying" : $"; all {MaxAttempts} attempts used"),
            CompletedAt = now.UtcDateTime,
        }, more ? RetryBackoff * attempts : null, verdict);
    }

    private static RunJobPlan StartAttempt(EvaluationRun run, int attempt, EvaluationJobSettings settings, string? message) =>
        new(EvaluationJobs.Job(run, attempt, settings), new EvaluationRunStatus
        {
            Phase = EvaluationPhase.Pending,
            Attempts = attempt,
            JobName = EvaluationJobs.Name(run, attempt),
            Verdict = message,
        }, null, null);
}
