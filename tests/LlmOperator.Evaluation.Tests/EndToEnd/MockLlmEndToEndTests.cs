using System.Globalization;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.MockLlm;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Evaluation.Verdicts;

namespace LlmOperator.Evaluation.Tests.EndToEnd;

// Whole runs against mock-llm on loopback: gate files read and validated, prompts rendered, answers judged,
// candidate and baseline paired, verdicts decided.
public class MockLlmEndToEndTests
{
    private static string Gate(double minPassRate, string execution = "") =>
        FormattableString.Invariant(
            $"  thresholds:\n    minPassRate: {minPassRate}\n  comparison:\n    maxRegression: 0.05\n    minCases: 10\n  execution:\n    concurrency: 16\n")
        + execution;

    [Fact]
    public async Task A_90_percent_model_passes_against_a_90_percent_baseline()
    {
        using var scenario = new Scenario(200, Gate(0.8));
        await using var candidate = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Quality = 0.9; });
        await using var baseline = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Quality = 0.9; });

        var report = await scenario.RunAsync(candidate.Url, baseline.Url);

        Assert.Equal(EvaluationPhase.Passed, report.Verdict.Phase);
        Assert.Equal(
            "Passed: 180 of 200 cases passed (90.0%), every threshold is met and nothing regressed against the baseline beyond the allowed margin.",
            report.Verdict.Reason);
        Assert.Equal(180, report.Verdict.BaselineSummary!.Passed);
        Assert.Equal(200, candidate.State.ChatRequests);
        Assert.All(report.Candidate.Cases.SelectMany(c => c.Attempts), a => Assert.NotNull(a.TimeToFirstTokenMs));
        Assert.True(report.Verdict.Summary.PromptTokens > 0);
    }

    [Fact]
    public async Task A_70_percent_model_fails_against_a_90_percent_baseline()
    {
        using var scenario = new Scenario(200, Gate(0.6));
        await using var candidate = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Quality = 0.7; });
        await using var baseline = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Quality = 0.9; });

        var report = await scenario.RunAsync(candidate.Url, baseline.Url);

        Assert.Equal(EvaluationPhase.Failed, report.Verdict.Phase);
        Assert.StartsWith(
            "Failed: the pass rate changed -20.0 points against the baseline (70.0% vs 90.0% on 200 paired cases; 95% CI ",
            report.Verdict.Reason);
        Assert.EndsWith("exact McNemar p < 0.0001), a regression beyond the 5.0 points allowed.", report.Verdict.Reason);
        Assert.Equal(20, report.Verdict.Comparison!.NewFailures!.Count);
        Assert.Contains(report.Verdict.Checks, c => c.Name == "minPassRate" && c.Status == CheckStatus.Met);
    }

    [Fact]
    public async Task A_10_case_run_is_inconclusive()
    {
        using var scenario = new Scenario(10, Gate(0.8));
        await using var candidate = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Quality = 0.9; });
        await using var baseline = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Quality = 0.9; });

        var report = await scenario.RunAsync(candidate.Url, baseline.Url);

        Assert.Equal(EvaluationPhase.Inconclusive, report.Verdict.Phase);
        Assert.Equal(
            "Inconclusive: the pass rate 90.0% (95% CI 59.6%–98.2%) over 10 cases cannot show it reaches the minimum pass rate 80.0%; " +
            "more cases are needed.",
            report.Verdict.Reason);
        Assert.Contains(report.Verdict.Checks, c => c.Name == "comparison.passRate" && c.Status == CheckStatus.Inconclusive);
    }

    [Fact]
    public async Task Injected_429s_and_500s_are_retried_and_the_run_passes()
    {
        using var scenario = new Scenario(10, Gate(0.5, "    retries: 3\n"));
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        server.State.Faults.Enqueue(new MockFault(429, RetryAfterSeconds: 0));
        server.State.Faults.Enqueue(new MockFault(500));
        server.State.Faults.Enqueue(new MockFault(429, RetryAfterSeconds: 0));
        server.State.Faults.Enqueue(new MockFault(503));

        var report = await scenario.RunAsync(server.Url);

        Assert.Equal(10, report.Verdict.Summary.Passed);
        Assert.Equal(0, report.Verdict.Summary.Errors);
        Assert.Equal(14, server.State.ChatRequests);
        Assert.Equal(14, report.Candidate.Cases.Sum(c => c.Attempts.Sum(a => a.Requests)));
    }

    [Fact]
    public async Task Requests_that_keep_failing_become_case_errors_with_the_servers_words()
    {
        using var scenario = new Scenario(3, Gate(0.5, "    retries: 1\n"));
        await using var server = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.ErrorRate = 1.0; });

        var report = await scenario.RunAsync(server.Url);

        Assert.Equal(EvaluationPhase.Error, report.Verdict.Phase);
        Assert.Equal(
            $"Error: every case on the candidate ended in an error, the first: mock-llm at {server.Url}/: HTTP 500: injected error (2 attempts).",
            report.Verdict.Reason);
        Assert.Equal(6, server.State.ChatRequests);
    }

    [Fact]
    public async Task A_hung_endpoint_ends_at_the_request_timeout()
    {
        using var scenario = new Scenario(3, Gate(0.5, "    requestTimeout: 200ms\n    retries: 0\n"));
        await using var server = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Latency = TimeSpan.FromMinutes(10); });

        var report = await scenario.RunAsync(server.Url);

        Assert.Equal(EvaluationPhase.Error, report.Verdict.Phase);
        Assert.All(report.Candidate.Cases, c => Assert.Equal($"mock-llm at {server.Url}/: request timed out after 0.2s (1 attempt)", c.Error));
    }

    [Fact]
    public async Task A_run_that_outlives_its_timeout_ends_in_error()
    {
        using var scenario = new Scenario(3, Gate(0.5, "    timeout: 300ms\n"));
        await using var server = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Latency = TimeSpan.FromMinutes(10); });

        var report = await scenario.RunAsync(server.Url);

        Assert.Equal("Error: the run did not finish within its timeout of 300ms: 0 of 3 answers were done.", report.Verdict.Reason);
        Assert.Empty(report.Candidate.Cases);
    }

    [Fact]
    public async Task Each_case_keeps_what_it_asked_each_endpoint_into_the_json_results_and_the_html_page()
    {
        using var scenario = new Scenario(12, Gate(0.5));
        await using var candidate = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        await using var baseline = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);

        var report = await scenario.RunAsync(candidate.Url, baseline.Url);

        static string Asked(string id) => Scenario.Question(int.Parse(id[1..], CultureInfo.InvariantCulture));
        Assert.All(report.Endpoints, e => Assert.All(e.Cases, c => Assert.Equal(Asked(c.Id), c.Input)));
        var first = JsonReport.Build(report)["endpoints"]![1]!["cases"]![0]!;
        Assert.Equal(Asked(first["id"]!.GetValue<string>()), first["input"]!.GetValue<string>());
        var page = HtmlReport.Build(report);
        Assert.Contains($"<td><pre class=\"input\">{Scenario.Question(7)}</pre></td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeats_run_every_case_several_times()
    {
        using var scenario = new Scenario(12, Gate(0.5, "    repeats: 3\n"));
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);

        var report = await scenario.RunAsync(server.Url);

        Assert.Equal(36, server.State.ChatRequests);
        Assert.All(report.Candidate.Cases, c =>
        {
            Assert.Equal([1, 2, 3], c.Attempts.Select(a => a.Repeat));
            Assert.Equal(1, c.PassRate);
        });
    }

    [Fact]
    public async Task Similar_uses_the_providers_embeddings()
    {
        const string Spec = "  defaultAssert:\n    - type: similar\n      value: \"It is {{ n }} times three\"\n      threshold: 0.3\n" +
            "      metric: closeness\n      provider: {url: \"PROVIDER\"}\n";
        await using var server = await MockLlmHost.StartAsync(o => o.Quality = 1.0);
        using var scenario = new Scenario(10, Spec.Replace("PROVIDER", server.Url, StringComparison.Ordinal) + Gate(0.5));
        await using var model = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);

        var report = await scenario.RunAsync(model.Url);

        Assert.Equal(10, report.Verdict.Summary.Passed);
        Assert.InRange(report.Verdict.Summary.Scores!["closeness"], 0.3, 1);
        Assert.Equal(20, server.State.EmbeddingRequests);
    }

    [Fact]
    public async Task Gate_mistakes_stop_the_run_before_any_request_with_all_of_them_listed()
    {
        const string Spec = "  defaultAssert:\n    - type: regex\n      value: \"(unclosed\"\n    - type: latency\n";
        using var scenario = new Scenario(5, Spec + Gate(0.5));
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);

        var error = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => scenario.RunAsync(server.Url));

        Assert.Equal(
            "the gate's assertions cannot be evaluated: " +
            "defaultAssert[0] (regex): invalid regex \"(unclosed\": Invalid pattern '(unclosed' at offset 9. Not enough )'s.; " +
            "defaultAssert[1] (latency): \"latency\" needs a threshold (the most milliseconds)",
            error.Message);
        Assert.Equal(0, server.State.ChatRequests);
    }

    [Fact]
    public void An_unknown_assertion_type_is_refused_with_its_line()
    {
        using var scenario = new Scenario(2, "  defaultAssert:\n    - type: containz\n      value: x\n" + Gate(0.5));

        var error = Assert.Throws<EvaluationConfigurationException>(() =>
            LlmOperator.Evaluation.Gates.GateFiles.Load([scenario.GatePath], null, new Dictionary<string, string>()));

        Assert.StartsWith(
            $"the gate files are not valid:\n{scenario.GatePath}:19: EvaluationGate/arithmetic: " +
            ".spec.defaultAssert[0].type: Unsupported value: \"containz\": supported values: \"equals\"",
            error.Message);
    }

    [Fact]
    public async Task A_prompt_that_does_not_parse_stops_the_run()
    {
        using var scenario = new Scenario(2, Gate(0.5));
        File.WriteAllText(scenario.GatePath, File.ReadAllText(scenario.GatePath).Replace("times 3?", "times 3? {% if n %}", StringComparison.Ordinal));
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);

        var error = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => scenario.RunAsync(server.Url));

        Assert.StartsWith("prompt arithmetic v1 message 2 does not parse: ", error.Message);
    }

    [Fact]
    public async Task A_case_whose_prompt_does_not_render_is_an_error_of_that_case_only()
    {
        using var scenario = new Scenario(12, Gate(0.5));
        File.WriteAllText(scenario.GatePath, File.ReadAllText(scenario.GatePath).Replace("vars: {n: 4}", "vars: {m: 4}", StringComparison.Ordinal));
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);

        var report = await scenario.RunAsync(server.Url);

        var broken = report.Candidate.Cases.Single(c => c.Id == "q4");
        Assert.Equal(CaseOutcome.Error, broken.Outcome);
        Assert.Equal("case \"q4\": prompt arithmetic v1 message 2 does not render: missing variable \"n\"", broken.Error);
        Assert.Equal(11, report.Verdict.Summary.Passed);
        Assert.Equal(11, server.State.ChatRequests);
    }
}
