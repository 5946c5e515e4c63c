using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Jobs;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Live.Prometheus;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>
/// Gates with metrics run against a real Prometheus that scrapes mock-llm: the client's queries, and whole runs
/// whose answers are fine while their time to first token is or is not.
/// </summary>
public sealed class LivePrometheusTests(ScrapedMockLlms cluster) : IClassFixture<ScrapedMockLlms>
{
    // The candidate's median time to first token over the last minute against the baseline's: under 1.5 passes, over 3 fails.
    private const string FirstTokenRatio =
        "histogram_quantile(0.5, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{ {{ candidate.selector }} }[1m]))) / " +
        "histogram_quantile(0.5, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{ {{ baseline.selector }} }[1m])))";

    private static GateMetric Metric(string query, string? success = "result < 1.5", string? failure = "result > 3.0") => new()
    {
        Name = "ttft-ratio",
        Prometheus = new PrometheusQuery { Address = "", Query = query, Timeout = "10s" },
        SuccessCondition = success,
        FailureCondition = failure,
        InitialDelay = "2500ms",
        Interval = "1s",
        Count = 2,
    };

    private async Task<EvaluationReport> RunAsync(string candidate, GateMetric metric, string baseline = "stable", string? address = null)
    {
        metric.Prometheus.Address = address ?? cluster.Prometheus.Address;
        var cases = Enumerable.Range(1, 40)
            .Select(i => new EvaluationCase { Id = $"q{i}", Messages = [new PromptMessage { Role = MessageRole.User, Content = $"Question {i}?" }] })
            .ToList();
        var gate = new EvaluationGateSpec
        {
            Dataset = new Dataset { Cases = cases },
            DefaultAssert = [new Assertion { Type = AssertionType.Icontains, Value = "you asked" }],
            Thresholds = new Thresholds { MinPassRate = 0.9 },
            Comparison = new ComparisonPolicy { MaxRegression = 0.1, MinCases = 10, Confidence = 0.9 },
            Metrics = [metric],
            Execution = new ExecutionSettings { Concurrency = 8, Timeout = "1m" },
        };
        using var factory = Engine.Factory();
        var request = new PlanRequest(
            "run", "live", gate, new ClusterPlanSources(new FakeRunStore()), new EndpointRequest("candidate", cluster.Urls[candidate], "chat"),
            new EndpointRequest("baseline", cluster.Urls["stable"], "chat"), null,
            Seed: 1, Context: new MetricContext(ScrapedMockLlms.Namespace, "run", "chat", candidate, baseline));
        var plan = await new EvaluationPlanBuilder(factory, new DatasetReader(DatasetLimits.Default)).BuildAsync(request, CancellationToken.None);
        return await Engine.Runner().RunAsync(plan, CancellationToken.None);
    }

    [Fact]
    public async Task Instant_and_range_queries_read_what_Prometheus_scraped_from_mock_llm()
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http);
        var now = DateTimeOffset.UtcNow;

        var instant = await client.QueryAsync(
            cluster.Prometheus.Address, "sum by (llmoperator_revision) (vllm:request_success_total{namespace=\"team-a\"})", now, TimeSpan.FromSeconds(10),
            CancellationToken.None);
        var range = await client.QueryRangeAsync(
            cluster.Prometheus.Address, "up{llmoperator_revision=\"slow\"}", now.AddSeconds(-5), now, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            CancellationToken.None);

        Assert.Equal("vector", instant.ResultType);
        Assert.Equal(["fast", "slow", "stable"], instant.Series.Select(s => s.Labels["llmoperator_revision"]).Order(StringComparer.Ordinal));
        Assert.All(instant.Series, s => Assert.True(s.Samples[0].Value >= 1));
        Assert.Equal("matrix", range.ResultType);
        Assert.True(Assert.Single(range.Series).Samples.Count >= 2, "the window holds several values, a second apart");
        Assert.All(range.Series[0].Samples, s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task A_canary_slow_to_its_first_token_fails_the_run_while_its_answers_pass()
    {
        var report = await RunAsync("slow", Metric(FirstTokenRatio));

        Assert.Equal(EvaluationPhase.Failed, report.Verdict.Phase);
        Assert.Equal(1.0, report.Verdict.Summary.PassRate);
        var metric = Assert.Single(report.Verdict.Metrics!);
        Assert.Equal(EvaluationPhase.Failed, metric.Phase);
        Assert.StartsWith(
            "Failed: metric ttft-ratio failed 1 of 1 measurement, more than its failureLimit of 0: failureCondition result > 3.0 holds for result = ",
            report.Verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("llmoperator_revision=\"slow\"", metric.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canary_as_quick_as_the_stable_revision_passes_on_answers_and_metric()
    {
        var report = await RunAsync("fast", Metric(FirstTokenRatio));

        Assert.Equal(EvaluationPhase.Passed, report.Verdict.Phase);
        var metric = Assert.Single(report.Verdict.Metrics!);
        Assert.Equal((2, 0), (metric.Successful, metric.Failed));
        Assert.Matches(
            @"^Passed: 40 of 40 cases passed \(100\.0%\), every threshold is met and nothing regressed .*; metric ttft-ratio passed: 2 of 2 measurements",
            report.Verdict.Reason);
    }

    [Fact]
    public async Task A_query_Prometheus_refuses_ends_the_run_in_error_with_its_parse_error()
    {
        var report = await RunAsync("fast", Metric("sum(rate(vllm:request_success_total[1m])"));

        Assert.Equal(EvaluationPhase.Error, report.Verdict.Phase);
        Assert.StartsWith(
            "Error: metric ttft-ratio cannot be measured: Prometheus refused the query (bad_data): ", report.Verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("parse error", report.Verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.Verdict.Metrics![0].Errors);
    }

    [Fact]
    public async Task A_revision_Prometheus_has_no_series_of_is_inconclusive_never_a_pass()
    {
        var report = await RunAsync("fast", Metric(FirstTokenRatio), baseline: "gone");

        Assert.Equal(EvaluationPhase.Inconclusive, report.Verdict.Phase);
        Assert.StartsWith("Inconclusive: metric ttft-ratio was inconclusive on 1 of 1 measurement", report.Verdict.Reason, StringComparison.Ordinal);
        Assert.EndsWith(
            "the query returned no series: nothing matched it (no traffic yet, or no scrape of these pods?).", report.Verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_Prometheus_ends_the_run_in_error_after_its_consecutive_error_limit()
    {
        var metric = Metric(FirstTokenRatio);
        metric.ConsecutiveErrorLimit = 1;

        var report = await RunAsync("fast", metric, address: "http://127.0.0.1:9");

        Assert.Equal(EvaluationPhase.Error, report.Verdict.Phase);
        Assert.StartsWith(
            "Error: metric ttft-ratio cannot be measured: 2 queries in a row failed, more than its consecutiveErrorLimit of 1; " +
                "the last: Prometheus at http://127.0.0.1:9 cannot be reached: ",
            report.Verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(1.0, report.Verdict.Summary.PassRate);
    }
}
