using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Jobs;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Evaluation.Tests.Jobs;

// Job mode through IEvaluationRunStore: what it reads, and the one thing it writes, the results ConfigMap
// with its outcome (the operator alone writes the run's status; see the E2E tests for the whole path).
public class EvaluationJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static EvaluationRun Run(string candidateUrl, string? baselineUrl, string configMap = "cases")
    {
        var run = new EvaluationRun
        {
            Spec = new EvaluationRunSpec
            {
                Target = new EvaluationTarget { Kind = EvaluationTargetKind.PromptVersion, Name = "arith-v2", Revision = "2" },
                Gate = new GateSnapshot
                {
                    Name = "arith",
                    Hash = new string('a', 64),
                    Spec = new EvaluationGateSpec
                    {
                        PromptRef = new PromptReference { Name = "arith" },
                        Dataset = new Dataset { ConfigMapRef = new ConfigMapKeyReference { Name = configMap, Key = "cases.jsonl" } },
                        Thresholds = new Thresholds { MinPassRate = 0.5 },
                        Comparison = new ComparisonPolicy { MinCases = 10 },
                    },
                },
                Candidate = new RunEndpoint { Url = candidateUrl, Model = "mock-llm", PromptVersion = 2 },
                Baseline = baselineUrl is null ? null : new RunEndpoint { Url = baselineUrl, Model = "mock-llm", PromptVersion = 1 },
                Seed = 7,
            },
        };
        run.Metadata.Name = "arith-v2-eval";
        run.Metadata.NamespaceProperty = "team-a";
        run.Metadata.Uid = "0b1c2d3e";
        run.Metadata.Generation = 1;
        return run;
    }

    private static FakeRunStore Store(EvaluationRun run, int cases = 20)
    {
        var store = new FakeRunStore();
        store.Runs[run.Metadata.Name] = run;
        store.ConfigMaps["cases"] = new()
        {
            ["cases.jsonl"] = string.Concat(Enumerable.Range(0, cases).Select(i =>
                $"{{\"id\":\"q{i}\",\"vars\":{{\"n\":{i}}},\"expected\":\"{3 * i}\",\"assert\":[{{\"type\":\"contains\"}}]}}\n")),
        };
        foreach (var version in new[] { 1, 2 })
        {
            store.Prompts.Add(new PromptVersion
            {
                Spec = new PromptVersionSpec
                {
                    PromptName = "arith",
                    Version = version,
                    Messages =
                    [
                        new PromptMessage { Role = MessageRole.System, Content = "Answer briefly." },
                        new PromptMessage { Role = MessageRole.User, Content = "Question {{ n }}: what is {{ n }} times 3?" },
                    ],
                },
            });
        }

        return store;
    }

    private static EvaluationJob Job(FakeRunStore store, ModelClientFactory factory) =>
        new(
            store,
            new EvaluationPlanBuilder(factory, new DatasetReader(DatasetLimits.Default)),
            Engine.Runner(),
            new FakeTimeProvider(Now),
            NullLogger<EvaluationJob>.Instance);

    private static EvaluationOutcome Outcome(V1ConfigMap configMap) => KubernetesJson.Deserialize<EvaluationOutcome>(configMap.Data[RunResults.OutcomeKey]);

    [Fact]
    public async Task A_run_reports_its_outcome_and_results_in_one_ConfigMap_owned_by_the_run()
    {
        using var scenario = new Scenario(100);
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        var run = Run(server.Url, server.Url);
        var store = Store(run, cases: 100);
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, 2, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Passed, phase);
        var results = Assert.Single(store.AppliedConfigMaps);
        Assert.Equal("arith-v2-eval-results", results.Metadata.Name);
        Assert.Equal(
            ("llm-operator", "arith-v2-eval"),
            (results.Metadata.Labels["app.kubernetes.io/managed-by"], results.Metadata.Labels[WellKnownLabels.EvaluationRun]));
        var owner = Assert.Single(results.Metadata.OwnerReferences);
        Assert.Equal(("EvaluationRun", "arith-v2-eval", "0b1c2d3e", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
        var outcome = Outcome(results);
        Assert.Equal((2, EvaluationPhase.Passed, true), (outcome.Attempt, outcome.Phase, outcome.HasResults));
        Assert.StartsWith("Passed: 100 of 100 cases passed", outcome.Verdict, StringComparison.Ordinal);
        Assert.Equal(1.0, outcome.Summary!.PassRate);
        Assert.Equal($"mock-llm at {server.Url}", outcome.Comparison!.Baseline);
        Assert.Equal((Now.UtcDateTime, Now.UtcDateTime), (outcome.StartedAt, outcome.CompletedAt));
        var document = JsonNode.Parse(results.Data[RunResults.ResultsKey])!;
        Assert.Equal("Passed", document["verdict"]!["phase"]!.GetValue<string>());
        Assert.Equal(100, document["endpoints"]![0]!["cases"]!.AsArray().Count);
        Assert.Equal(200, server.State.ChatRequests);
    }

    [Fact]
    public async Task A_run_inside_a_pipeline_executes_the_pipelines_it_reaches_the_candidate_through_with_the_candidate_in_place()
    {
        using var scenario = new Scenario(100);
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        var run = Run("http://portal.team-a.svc/v1", null);
        static PipelineSpec Calling(string component, string output) => new()
        {
            Steps = [new PipelineStep { Name = "ask", Call = new PipelineCall { ModelRef = new() { Name = component } } }],
            Output = output,
        };
        run.Spec.Candidate.Pipeline = new RunPipeline
        {
            Name = "portal",
            Spec = Calling("support-bot", "portal: {{ steps.ask.output }}"),
            // support-bot runs here, not at its Service, so that its writer is the candidate's.
            Inline = new() { ["support-bot"] = Calling("writer", "bot: {{ steps.ask.output }}") },
            Overrides = new() { ["writer"] = new ComponentEndpoint { Url = server.Url, Model = "mock-llm" } },
        };
        var store = Store(run, cases: 100);
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, 1, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Passed, phase);
        Assert.Equal(100, server.State.ChatRequests);
        var document = JsonNode.Parse(Assert.Single(store.AppliedConfigMaps).Data[RunResults.ResultsKey])!;
        var answer = document["endpoints"]![0]!["cases"]![0]!["repeats"]![0]!["output"]!.GetValue<string>();
        Assert.StartsWith("portal: bot: ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_run_is_paired_with_the_outcomes_kept_from_the_release_and_reports_its_own_for_the_next()
    {
        using var scenario = new Scenario(100);
        await using var server = await MockLlmHost.StartAsync(o => (o.AnswersPath, o.Quality) = (scenario.AnswersPath, 0.85));
        var run = Run(server.Url, null);
        run.Spec.ReleaseBaseline = new ReleaseBaselineReference
        {
            Results = new ConfigMapKeyReference { Name = "chat-release", Key = "arith.json" },
            Revision = "abc123",
        };
        var store = Store(run, cases: 100);
        var release = string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"id":"q{{i}}","outcome":"Passed","score":1}"""));
        store.ConfigMaps["chat-release"] = new() { ["arith.json"] = $$"""{"cases":[{{release}}]}""" };
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, 1, CancellationToken.None);

        // 85% clears minPassRate 50%, but 15 cases that passed at the release fail now: that is drift.
        Assert.Equal(EvaluationPhase.Failed, phase);
        var results = Assert.Single(store.AppliedConfigMaps);
        var outcome = Outcome(results);
        Assert.StartsWith(
            "Failed: the pass rate changed -15.0 points against the release of revision abc123 (85.0% vs 100.0% on 100 paired cases;",
            outcome.Verdict,
            StringComparison.Ordinal);
        Assert.Equal("the release of revision abc123", outcome.Comparison!.Baseline);
        Assert.Equal(15, outcome.Comparison.NewFailures!.Count);
        Assert.Equal(100, server.State.ChatRequests);
        // Its own outcomes are kept too, whole, for a release to be made of them.
        Assert.Equal(100, CaseOutcomes.Read(results.Data[RunResults.CasesKey], "release", "r").Cases.Count);
    }

    [Fact]
    public async Task A_release_whose_outcomes_are_gone_leaves_the_drift_check_inconclusive_saying_why()
    {
        using var scenario = new Scenario(20);
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        var run = Run(server.Url, null);
        run.Spec.ReleaseBaseline = new ReleaseBaselineReference
        {
            Results = new ConfigMapKeyReference { Name = "chat-release", Key = "arith.json" },
            Revision = "abc123",
        };
        var store = Store(run);
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, 1, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Inconclusive, phase);
        Assert.Contains(
            "with the release of revision abc123, whose results are not in ConfigMap chat-release (key arith.json)",
            Outcome(Assert.Single(store.AppliedConfigMaps)).Verdict,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_attempt_it_reports_under_the_attempt_the_status_records()
    {
        var run = Run("http://127.0.0.1:9/v1", null, configMap: "missing");
        run.Status = new EvaluationRunStatus { Phase = EvaluationPhase.Pending, Attempts = 3 };
        var store = Store(run);
        using var factory = Engine.Factory();

        await Job(store, factory).RunAsync(run.Metadata.Name, null, CancellationToken.None);

        Assert.Equal(3, Outcome(Assert.Single(store.AppliedConfigMaps)).Attempt);
    }

    [Fact]
    public async Task Of_two_objects_with_the_version_a_run_asks_for_the_one_created_first_renders_the_cases()
    {
        using var scenario = new Scenario(12);
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        var run = Run(server.Url, null);
        var store = Store(run, cases: 12);
        var original = store.Prompts.Single(p => p.Spec.Version == 2);
        original.Metadata.Name = "arith-v2";
        original.Metadata.CreationTimestamp = Now.UtcDateTime.AddHours(-1);
        // Created later with the same version (the operator rejects it as a duplicate), though listed and named first.
        store.Prompts.Insert(0, new PromptVersion
        {
            Metadata = new() { Name = "arith-again", CreationTimestamp = Now.UtcDateTime },
            Spec = new PromptVersionSpec
            {
                PromptName = "arith",
                Version = 2,
                Messages = [new PromptMessage { Role = MessageRole.User, Content = "Never mind {{ n }}." }],
            },
        });
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, null, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Passed, phase);
        Assert.Equal(12, server.State.ChatRequests);
    }

    [Fact]
    public async Task A_gate_that_cannot_run_reports_an_error_outcome_with_the_reason_and_no_results()
    {
        var run = Run("http://127.0.0.1:9/v1", null, configMap: "missing");
        var store = Store(run);
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, 1, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Error, phase);
        var results = Assert.Single(store.AppliedConfigMaps);
        var outcome = Outcome(results);
        Assert.Equal((EvaluationPhase.Error, false), (outcome.Phase, outcome.HasResults));
        Assert.Contains("\"missing\" does not exist", outcome.Verdict, StringComparison.Ordinal);
        Assert.False(results.Data.ContainsKey(RunResults.ResultsKey));
    }

    [Fact]
    public async Task An_outcome_that_cannot_be_reported_fails_the_job()
    {
        using var scenario = new Scenario(12);
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        var run = Run(server.Url, null);
        var store = Store(run, cases: 12);
        store.ConfigMapFailure = new InvalidOperationException("configmaps is forbidden");
        using var factory = Engine.Factory();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Job(store, factory).RunAsync(run.Metadata.Name, 1, CancellationToken.None));
    }

    [Fact]
    public async Task A_finished_run_is_never_judged_twice()
    {
        var run = Run("http://127.0.0.1:9/v1", null);
        run.Status = new EvaluationRunStatus { Phase = EvaluationPhase.Failed };
        var store = Store(run);
        using var factory = Engine.Factory();

        Assert.Equal(EvaluationPhase.Failed, await Job(store, factory).RunAsync(run.Metadata.Name, null, CancellationToken.None));
        Assert.Empty(store.AppliedConfigMaps);
    }

    [Fact]
    public async Task A_missing_run_is_an_error_that_writes_nothing()
    {
        var store = new FakeRunStore();
        using var factory = Engine.Factory();

        var error = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => Job(store, factory).RunAsync("ghost", null, CancellationToken.None));

        Assert.Equal("EvaluationRun \"ghost\" does not exist", error.Message);
        Assert.Empty(store.AppliedConfigMaps);
    }

    [Fact]
    public async Task Providers_and_api_keys_resolve_from_ModelDeployments_and_Secrets()
    {
        var store = new FakeRunStore();
        store.Models["judge"] = new ModelDeployment
        {
            Spec = new()
            {
                Model = new() { Name = "meta-llama/Llama-3.1-8B", ServedName = "llama" },
                External = new() { BaseUrl = "https://x", ApiKeySecretRef = new SecretKeyReference { Name = "judge-key", Key = "token" } },
            },
            Status = new() { Endpoint = "http://judge.team-a.svc:8000/v1" },
        };
        store.Models["cold"] = new ModelDeployment();
        store.Secrets[("judge-key", "token")] = "sk-judge\n";
        var sources = new ClusterPlanSources(store);

        var judge = await sources.ResolveAsync("judge", CancellationToken.None);

        Assert.Equal(("http://judge.team-a.svc:8000/v1", "llama", "***"), (judge.Url, judge.Model, judge.ApiKey!.ToString()));
        Assert.Equal(
            "provider modelRef \"nobody\": no such ModelDeployment",
            (await Assert.ThrowsAsync<AssertionConfigurationException>(() => sources.ResolveAsync("nobody", CancellationToken.None))).Message);
        Assert.Equal(
            "provider modelRef \"cold\": the ModelDeployment has no endpoint in its status yet",
            (await Assert.ThrowsAsync<AssertionConfigurationException>(() => sources.ResolveAsync("cold", CancellationToken.None))).Message);
        Assert.Equal(
            "Secret \"judge-key\" has no key \"other\" with an API key, or the Job was not given it (Jobs get the keys their run's "
                + "endpoints, the gate's assertion providers and the namespace's ModelDeployments name)",
            (await Assert.ThrowsAsync<AssertionConfigurationException>(() =>
                sources.ReadSecretAsync(new SecretKeyReference { Name = "judge-key", Key = "other" }, CancellationToken.None))).Message);
    }

    [Fact]
    public async Task A_run_s_metrics_are_templated_with_its_model_and_revisions_and_its_load_goes_to_the_model_s_endpoint()
    {
        await using var candidate = await MockLlmHost.StartAsync();
        await using var stable = await MockLlmHost.StartAsync();
        await using var main = await MockLlmHost.StartAsync();
        var run = Run(candidate.Url, stable.Url);
        run.Spec.Target = new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = "chat", Revision = "abc" };
        (run.Spec.Candidate.Revision, run.Spec.Baseline!.Revision) = ("abc", "def");
        var gate = run.Spec.Gate.Spec;
        // mock-llm answers none of these cases right: the answers need not pass for the metric's Error to be the verdict.
        gate.Thresholds = new Thresholds { MinPassRate = 0 };
        gate.Metrics =
        [
            new GateMetric
            {
                Name = "ttft",
                // Nothing listens on port 9: the query fails, and with no error allowed the metric ends in Error.
                Prometheus = new PrometheusQuery { Address = "http://127.0.0.1:9", Query = "x{ {{ candidate.selector }} } / x{ {{ baseline.selector }} }" },
                SuccessCondition = "result < 1.5",
                InitialDelay = "500ms",
                ConsecutiveErrorLimit = 0,
            },
        ];
        gate.Execution = new ExecutionSettings { Load = new LoadSettings { Rate = 50 } };
        var store = Store(run);
        store.Models["chat"] = new ModelDeployment { Status = new ModelDeploymentStatus { Endpoint = main.Url } };
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, 1, CancellationToken.None);

        var outcome = Outcome(Assert.Single(store.AppliedConfigMaps));
        var metric = Assert.Single(outcome.Metrics!);
        Assert.Equal(EvaluationPhase.Error, phase);
        Assert.StartsWith("Error: metric ttft cannot be measured: a query failed, more than its consecutiveErrorLimit of 0; the last: Prometheus at ",
            outcome.Verdict, StringComparison.Ordinal);
        Assert.Equal(
            "x{ namespace=\"team-a\",llmoperator_model=\"chat\",llmoperator_revision=\"abc\" } / " +
                "x{ namespace=\"team-a\",llmoperator_model=\"chat\",llmoperator_revision=\"def\" }",
            metric.Query);
        Assert.Equal((1, MeasurementPhase.Error), (metric.Errors, metric.Measurements![0].Phase!.Value));
        // The cases ran on both revisions; the load went to the endpoint the ModelDeployment's status names while the metric was measured.
        Assert.Equal(20, candidate.State.ChatRequests);
        Assert.True(main.State.ChatRequests > 0, "the load reached the main endpoint");
    }
}
