using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Jobs;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>A gate's metrics resolved for a run before anything is measured: what renders, what fits, what is refused.</summary>
public sealed class LivePlanTests
{
    private static readonly MetricContext Rollout = new("team-a", "chat-abc-1-s1-ttft", "chat", "abc", "def", "http://chat.team-a.svc/v1", "chat");

    private static GateMetric Metric(string query, string interval = "10s", int count = 3) => new()
    {
        Name = "ttft",
        Prometheus = new PrometheusQuery { Address = "http://prom:9090", Query = query },
        SuccessCondition = "result < 1.5",
        Interval = interval,
        Count = count,
    };

    private static async Task<EvaluationPlan> PlanAsync(EvaluationGateSpec gate, MetricContext? context)
    {
        using var factory = Engine.Factory();
        var request = new PlanRequest(
            "run", "gate", gate, new ClusterPlanSources(new FakeRunStore()), new EndpointRequest("candidate", "http://chat-canary.team-a.svc/v1", "chat"),
            null, null, Seed: 1, Context: context);
        return await new EvaluationPlanBuilder(factory, new DatasetReader(DatasetLimits.Default)).BuildAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task A_query_is_rendered_with_the_run_s_namespace_and_each_revision_s_selector()
    {
        var plan = await PlanAsync(
            new EvaluationGateSpec
            {
                Metrics =
                [
                    Metric("sum(rate(x{ {{ candidate.selector }} }[1m])) / sum(rate(x{ {{ baseline.selector }} }[1m])) # {{ model }} {{ namespace }}"),
                ],
            },
            Rollout);

        Assert.False(plan.HasDataset);
        Assert.Equal(
            "sum(rate(x{ namespace=\"team-a\",llmoperator_model=\"chat\",llmoperator_revision=\"abc\" }[1m])) / " +
                "sum(rate(x{ namespace=\"team-a\",llmoperator_model=\"chat\",llmoperator_revision=\"def\" }[1m])) # chat team-a",
            Assert.Single(plan.Live!.Metrics).Query);
        Assert.Null(plan.Live.Load);
    }

    [Fact]
    public async Task A_query_naming_a_revision_the_run_lacks_does_not_render_rather_than_match_nothing()
    {
        var e = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => PlanAsync(
            new EvaluationGateSpec { Metrics = [Metric("x{ {{ baseline.selector }} }")] }, Rollout with { BaselineRevision = null }));

        Assert.Equal("metric ttft: prometheus.query does not render: missing variable \"baseline\"", e.Message);
    }

    [Fact]
    public async Task Measuring_longer_than_the_run_s_timeout_is_refused_before_anything_is_sent()
    {
        var e = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => PlanAsync(
            new EvaluationGateSpec { Metrics = [Metric("up", interval: "1m", count: 10)], Execution = new ExecutionSettings { Timeout = "5m" } }, Rollout));

        Assert.Equal(
            "metric ttft measures for 540 seconds (initialDelay 0s, then 10 measurements 1m apart), which does not fit in execution.timeout 5m", e.Message);
    }

    [Fact]
    public async Task A_condition_that_does_not_compile_is_refused_with_the_metric_s_name()
    {
        var metric = Metric("up");
        metric.FailureCondition = "result >";

        var e = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => PlanAsync(new EvaluationGateSpec { Metrics = [metric] }, Rollout));

        Assert.StartsWith("metric ttft: failureCondition result > does not compile: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_outside_a_run_are_refused_rather_than_skipped()
    {
        var e = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => PlanAsync(new EvaluationGateSpec { Metrics = [Metric("up")] }, null));

        Assert.StartsWith("the gate's metrics and load measure a run's revisions as they serve", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_goes_to_the_main_Service_and_needs_one()
    {
        var gate = new EvaluationGateSpec
        {
            Dataset = new Dataset { Cases = [new EvaluationCase { Id = "q1", Messages = [new PromptMessage { Role = MessageRole.User, Content = "hi" }] }] },
            Metrics = [Metric("up")],
            Execution = new ExecutionSettings { Load = new LoadSettings { Rate = 5 } },
        };

        var plan = await PlanAsync(gate, Rollout);
        var prompt = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => PlanAsync(gate, Rollout with { Model = null, MainEndpoint = null }));
        var noEndpoint = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => PlanAsync(gate, Rollout with { MainEndpoint = null }));

        Assert.Equal(("http://chat.team-a.svc/v1/", "chat"), (plan.Live!.Load!.Target.Url, plan.Live.Load.Target.Model));
        Assert.Equal("execution.load sends the cases to a ModelDeployment's main Service, and this run judges no ModelDeployment", prompt.Message);
        Assert.Equal("execution.load sends the cases to the main Service of ModelDeployment chat, which has no endpoint yet", noEndpoint.Message);
    }
}
