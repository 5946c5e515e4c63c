using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Datasets;
using LlmOperator.Evaluation.Jobs;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Evaluation.Tests.Jobs;

// Job mode through IEvaluationRunStore: what it reads, the merge patches it writes to the status
// subresource, and the results ConfigMap. (Against a real API server: see the report's open items.)
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
        store.ConfigMaps["cases"] = new() { ["cases.jsonl"] = string.Concat(Enumerable.Range(0, cases).Select(i => $"{{\"id\":\"q{i}\",\"vars\":{{\"n\":{i}}},\"expected\":\"{3 * i}\",\"assert\":[{{\"type\":\"contains\"}}]}}\n")) };
        foreach (var version in new[] { 1, 2 })
        {
            store.Prompts.Add(new PromptVersion
            {
                Spec = new PromptVersionSpec
                {
                    PromptName = "arith",
                    Version = version,
                    Messages = [new PromptMessage { Role = MessageRole.System, Content = "Answer briefly." }, new PromptMessage { Role = MessageRole.User, Content = "Question {{ n }}: what is {{ n }} times 3?" }],
                },
            });
        }

        return store;
    }

    private static EvaluationJob Job(FakeRunStore store, ModelClientFactory factory) =>
        new(store, new PlanBuilder(factory, new DatasetReader(DatasetLimits.Default)), Engine.Runner(), new FakeTimeProvider(Now), NullLogger<EvaluationJob>.Instance);

    [Fact]
    public async Task A_run_is_marked_running_then_gets_its_verdict_and_a_results_ConfigMap()
    {
        using var scenario = new Scenario(100);
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        var run = Run(server.Url, server.Url);
        var store = Store(run, cases: 100);
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Passed, phase);
        Assert.Equal(2, store.StatusPatches.Count);
        Assert.Equal("""{"status":{"observedGeneration":1,"phase":"Running","startedAt":"2026-11-26T09:00:00Z"}}""", store.StatusPatches[0].Patch.ToJsonString());
        var status = store.StatusPatches[1].Patch["status"]!;
        Assert.Equal("Passed", status["phase"]!.GetValue<string>());
        Assert.Equal("Passed: 100 of 100 cases passed (100.0%), every threshold is met and nothing regressed against the baseline beyond the allowed margin.", status["verdict"]!.GetValue<string>());
        Assert.Equal(1.0, status["summary"]!["passRate"]!.GetValue<double>());
        Assert.Equal("""{"name":"arith-v2-eval-results","key":"results.json"}""", status["resultsRef"]!.ToJsonString());
        Assert.Equal("2026-11-26T09:00:00Z", status["completedAt"]!.GetValue<string>());
        Assert.Equal("Complete", status["conditions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("EvaluationPassed", status["conditions"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal($"mock-llm at {server.Url}", status["comparison"]!["baseline"]!.GetValue<string>());

        var results = Assert.Single(store.AppliedConfigMaps);
        Assert.Equal("arith-v2-eval-results", results.Metadata.Name);
        Assert.Equal("llm-operator", results.Metadata.Labels["app.kubernetes.io/managed-by"]);
        var owner = Assert.Single(results.Metadata.OwnerReferences);
        Assert.Equal(("EvaluationRun", "arith-v2-eval", "0b1c2d3e", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller == true));
        var document = JsonNode.Parse(results.Data[ResultsConfigMap.Key])!;
        Assert.Equal("Passed", document["verdict"]!["phase"]!.GetValue<string>());
        Assert.Equal(100, document["endpoints"]![0]!["cases"]!.AsArray().Count);
        Assert.Equal(200, server.State.ChatRequests);
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
            Spec = new PromptVersionSpec { PromptName = "arith", Version = 2, Messages = [new PromptMessage { Role = MessageRole.User, Content = "Never mind {{ n }}." }] },
        });
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Passed, phase);
        Assert.Equal(12, server.State.ChatRequests);
    }

    [Fact]
    public async Task A_gate_that_cannot_run_ends_the_run_in_error_with_the_reason()
    {
        var run = Run("http://127.0.0.1:9/v1", null, configMap: "missing");
        var store = Store(run);
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Error, phase);
        var status = store.StatusPatches[^1].Patch["status"]!;
        Assert.Equal("Error", status["phase"]!.GetValue<string>());
        Assert.Equal("Error: the dataset's ConfigMap \"missing\" does not exist.", status["verdict"]!.GetValue<string>());
        Assert.Equal("EvaluationError", status["conditions"]![0]!["reason"]!.GetValue<string>());
        Assert.Null(status["resultsRef"]);
        Assert.Empty(store.AppliedConfigMaps);
    }

    [Fact]
    public async Task A_results_ConfigMap_that_cannot_be_written_does_not_lose_the_verdict()
    {
        using var scenario = new Scenario(12);
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = scenario.AnswersPath);
        var run = Run(server.Url, null);
        var store = Store(run, cases: 12);
        store.ConfigMapFailure = new InvalidOperationException("configmaps is forbidden");
        using var factory = Engine.Factory();

        var phase = await Job(store, factory).RunAsync(run.Metadata.Name, CancellationToken.None);

        Assert.Equal(EvaluationPhase.Passed, phase);
        var status = store.StatusPatches[^1].Patch["status"]!;
        Assert.Equal("Passed", status["phase"]!.GetValue<string>());
        Assert.Null(status["resultsRef"]);
    }

    [Fact]
    public async Task A_finished_run_is_never_judged_twice()
    {
        var run = Run("http://127.0.0.1:9/v1", null);
        run.Status = new EvaluationRunStatus { Phase = EvaluationPhase.Failed };
        var store = Store(run);
        using var factory = Engine.Factory();

        Assert.Equal(EvaluationPhase.Failed, await Job(store, factory).RunAsync(run.Metadata.Name, CancellationToken.None));
        Assert.Empty(store.StatusPatches);
    }

    [Fact]
    public async Task A_missing_run_is_an_error_that_writes_nothing()
    {
        var store = new FakeRunStore();
        using var factory = Engine.Factory();

        var error = await Assert.ThrowsAsync<EvaluationConfigurationException>(() => Job(store, factory).RunAsync("ghost", CancellationToken.None));

        Assert.Equal("EvaluationRun \"ghost\" does not exist", error.Message);
        Assert.Empty(store.StatusPatches);
    }

    [Fact]
    public async Task Providers_and_api_keys_resolve_from_ModelDeployments_and_Secrets()
    {
        var store = new FakeRunStore();
        store.Models["judge"] = new ModelDeployment { Spec = new() { Model = new() { Name = "meta-llama/Llama-3.1-8B", ServedName = "llama" }, External = new() { BaseUrl = "https://x", ApiKeySecretRef = new SecretKeyReference { Name = "judge-key", Key = "token" } } }, Status = new() { Endpoint = "http://judge.team-a.svc:8000/v1" } };
        store.Models["cold"] = new ModelDeployment();
        store.Secrets[("judge-key", "token")] = "sk-judge\n";
        var sources = new ClusterPlanSources(store);

        var judge = await sources.ResolveAsync("judge", CancellationToken.None);

        Assert.Equal(("http://judge.team-a.svc:8000/v1", "llama", "***"), (judge.Url, judge.Model, judge.ApiKey!.ToString()));
        Assert.Equal("provider modelRef \"nobody\": no such ModelDeployment", (await Assert.ThrowsAsync<AssertionConfigurationException>(() => sources.ResolveAsync("nobody", CancellationToken.None))).Message);
        Assert.Equal("provider modelRef \"cold\": the ModelDeployment has no endpoint in its status yet", (await Assert.ThrowsAsync<AssertionConfigurationException>(() => sources.ResolveAsync("cold", CancellationToken.None))).Message);
        Assert.Equal("Secret \"judge-key\" has no key \"other\" with an API key", (await Assert.ThrowsAsync<AssertionConfigurationException>(() => sources.ReadSecretAsync(new SecretKeyReference { Name = "judge-key", Key = "other" }, CancellationToken.None))).Message);
    }
}
