using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.EvaluationRuns;
using LlmOperator.Controllers.Tests.Common;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Reconciling;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LlmOperator.Controllers.Tests.EvaluationRuns;

/// <summary>The EvaluationRun reconciler's I/O over an in-memory cluster: Jobs, the outcome a Job reports, and refused writes.</summary>
public sealed class EvaluationRunReconcilerTests : IDisposable
{
    private const string Run = "chat-abc-1-s0-quality";
    private static readonly ObjectKey RunKey = new(InMemoryOperator.Namespace, Run);
    private readonly InMemoryOperator _operator = new();

    public void Dispose() => _operator.Dispose();

    private Task<EvaluationRun> CreateRunAsync() => _operator.CreateAsync(new EvaluationRun
    {
        Metadata = new V1ObjectMeta { Name = Run },
        Spec = new EvaluationRunSpec
        {
            Target = new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = "chat", Revision = "abc" },
            Gate = new GateSnapshot { Name = "quality", Spec = new EvaluationGateSpec() },
            Candidate = new RunEndpoint { Url = "http://chat-canary.ml.svc/v1", Model = "chat-small" },
        },
    });

    private Task<ReconcileResult> ReconcileAsync() => _operator.ReconcileAsync<EvaluationRun, EvaluationRunReconciler>(Run);

    private EvaluationRunStatus? Status() => _operator.Cluster.Get<EvaluationRun>(RunKey)!.Status;

    private async Task EndJobAsync(string condition)
    {
        var job = new ObjectKey(InMemoryOperator.Namespace, $"{Run}-1");
        var status = new JsonObject
        {
            ["startTime"] = "2026-11-26T12:00:00Z",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = condition, ["status"] = "True" }),
        };
        await _operator.Client<V1Job>().PatchStatusAsync(job, new JsonObject { ["status"] = status }, default);
    }

    private async Task ReportAsync(EvaluationPhase phase, DateTime? startedAt = null, DateTime? completedAt = null)
    {
        var outcome = new EvaluationOutcome
        {
            Attempt = 1,
            Phase = phase,
            Verdict = $"{phase}: as reported",
            HasResults = true,
            StartedAt = startedAt ?? DateTime.UnixEpoch,
            CompletedAt = completedAt ?? DateTime.UnixEpoch,
        };
        await _operator.CreateAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = RunResults.ConfigMapName(Run) },
            Data = new Dictionary<string, string> { [RunResults.OutcomeKey] = KubernetesJson.Serialize(outcome) },
        });
    }

    [Fact]
    public async Task An_attempt_is_recorded_before_its_job_and_a_crash_in_between_makes_the_job_next_time()
    {
        await CreateRunAsync();
        _operator.Sync();
        _operator.Cluster.FailNext("create", "Job", HttpStatusCode.InternalServerError);

        await Assert.ThrowsAsync<ServerErrorException>(ReconcileAsync);
        Assert.Equal((EvaluationPhase.Pending, 1), (Status()!.Phase, Status()!.Attempts));

        _operator.Sync();
        await ReconcileAsync();
        Assert.NotNull(_operator.Cluster.Get<V1Job>(new ObjectKey(InMemoryOperator.Namespace, $"{Run}-1")));
        Assert.Single(_operator.Cluster.Writes, w => w.StartsWith("patch-status EvaluationRun", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_outcome_an_ended_job_reported_becomes_the_run_s_status_and_the_controller_alone_writes_it()
    {
        await CreateRunAsync();
        await _operator.SettleAsync<EvaluationRun, EvaluationRunReconciler>(Run);
        await ReportAsync(EvaluationPhase.Failed);
        await EndJobAsync("Complete");
        _operator.Sync();

        await _operator.SettleAsync<EvaluationRun, EvaluationRunReconciler>(Run);

        Assert.Equal((EvaluationPhase.Failed, "Failed: as reported"), (Status()!.Phase, Status()!.Verdict));
        Assert.Equal(RunResults.ConfigMapName(Run), Status()!.ResultsRef!.Name);
        Assert.DoesNotContain(
            _operator.Cluster.Writes, w => w.StartsWith("create Job", StringComparison.Ordinal) && w.EndsWith("-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_finished_run_is_counted_once_by_phase_with_how_long_it_ran()
    {
        using var runs = new MetricCollector<long>(_operator.Meters, ControllerMeter.Name, "llmop.evaluation.runs");
        using var durations = new MetricCollector<double>(_operator.Meters, ControllerMeter.Name, "llmop.evaluation.run.duration");
        await CreateRunAsync();
        await _operator.SettleAsync<EvaluationRun, EvaluationRunReconciler>(Run);
        Assert.Empty(runs.GetMeasurementSnapshot());

        var started = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
        await ReportAsync(EvaluationPhase.Passed, started, started.AddSeconds(90));
        await EndJobAsync("Complete");
        _operator.Sync();
        await _operator.SettleAsync<EvaluationRun, EvaluationRunReconciler>(Run);
        _operator.Sync();
        await ReconcileAsync();

        var counted = Assert.Single(runs.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal("Passed", counted.Tags["phase"]);
        Assert.Equal("quality", counted.Tags["llmop.evaluation.gate"]);
        Assert.Equal("ModelDeployment", counted.Tags["llmop.evaluation.target_kind"]);
        Assert.Equal(InMemoryOperator.Namespace, counted.Tags["k8s.namespace.name"]);
        Assert.Equal(90, Assert.Single(durations.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task A_job_that_ends_without_a_report_is_an_error_attempt_with_a_warning()
    {
        await CreateRunAsync();
        await _operator.SettleAsync<EvaluationRun, EvaluationRunReconciler>(Run);
        await EndJobAsync("Failed");
        _operator.Sync();

        await ReconcileAsync();

        Assert.Equal(EvaluationPhase.Error, Status()!.Phase);
        Assert.Contains(_operator.Events.All, e => e.Reason == "EvaluationJobFailed" && e.Type == "Warning");
    }

    [Fact]
    public async Task A_plan_from_a_stale_cache_meets_a_conflict_and_starts_no_second_job()
    {
        await CreateRunAsync();
        _operator.Sync();
        await ReconcileAsync();
        // The cache has not seen the attempt recorded: planning again from it would start the same attempt.
        var result = await ReconcileAsync();

        Assert.Equal(ReconcileResult.AfterConflict, result);
        Assert.Single(_operator.Cluster.Writes, w => w.StartsWith("create Job", StringComparison.Ordinal));
    }
}
