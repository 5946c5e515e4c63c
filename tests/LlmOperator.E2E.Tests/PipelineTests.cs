using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// Engine pipeline in the sandbox, applied with kubectl: the operator renders router pods (real llmop
/// router processes) that call hosted components (mock-llm processes), and each pipeline revision is
/// released through its own gate like any model.
/// </summary>
public sealed class PipelineTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    [Fact]
    public async Task A_pipeline_serves_through_its_components_and_each_revision_is_promoted_or_refused_by_its_gate()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "pipeline");
        var (writer, writerUrl) = await LlmopProcess.StartMockLlmAsync("writer-mock", quality: 1.0);
        await using var _ = writer;
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace),
            Hosted(cluster.Namespace, "writer", writerUrl),
            Hosted(cluster.Namespace, "backup", "http://127.0.0.1:9/v1"),
            Bot(cluster.Namespace, output: null));

        var first = await cluster.WaitForHealthyAsync("support-bot");
        var answer = await AskAsync(first.Status!.Endpoint!, "Question number 3 about the product?");
        Assert.Contains("you asked", answer, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(await cluster.ConfigMapAsync($"support-bot-{first.Status.StableRevision}-router"));

        await cluster.ApplyAsync(Bot(cluster.Namespace, output: "{{ steps.answer.output }} (checked)"));
        var promoted = await cluster.WaitForModelAsync(
            "support-bot",
            m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.StableRevision != first.Status.StableRevision && m.Status.CanaryRevision is null,
            "promoted its second revision");
        Assert.EndsWith("(checked)", await AskAsync(promoted.Status!.Endpoint!, "Question number 3 about the product?"), StringComparison.Ordinal);
        Assert.Contains(await cluster.RunsOfAsync("support-bot"), r => r.Status?.Phase == EvaluationPhase.Passed);

        await cluster.ApplyAsync(Bot(cluster.Namespace, output: "I could not say."));
        var refused = await cluster.WaitForModelAsync("support-bot", m => m.Status?.Phase == RolloutPhase.Degraded, "refused its third revision");
        Assert.Equal("EvaluationFailed", Conditions.Find(refused.Status!.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Equal(promoted.Status.StableRevision, refused.Status.StableRevision);
        Assert.Contains("Degraded", await cluster.KubectlAsync("get", "modeldeployment", "support-bot", "-n", cluster.Namespace), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_calling_a_missing_component_is_degraded_until_the_component_is_applied_and_follows_where_it_serves()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "pipeline-missing");
        var (writer, writerUrl) = await LlmopProcess.StartMockLlmAsync("writer-mock", quality: 1.0);
        await using var _ = writer;
        await cluster.ApplyAsync(Hosted(cluster.Namespace, "backup", "http://127.0.0.1:9/v1"), Bot(cluster.Namespace, output: null));

        var degraded = await cluster.WaitForModelAsync("support-bot", m => m.Status?.Phase == RolloutPhase.Degraded, "became Degraded");
        Assert.Equal("ComponentMissing", Conditions.Find(degraded.Status!.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.StartsWith("The pipeline calls ModelDeployment writer, which is not a ModelDeployment", degraded.Status.Message, StringComparison.Ordinal);
        await cluster.WaitForEventAsync("support-bot", e => e.Reason == "ComponentMissing", "ComponentMissing");

        await cluster.ApplyAsync(Hosted(cluster.Namespace, "writer", writerUrl));
        var healthy = await cluster.WaitForHealthyAsync("support-bot");
        Assert.Contains("you asked", await AskAsync(healthy.Status!.Endpoint!, "Question number 1 about the product?"), StringComparison.OrdinalIgnoreCase);

        // The hosted writer moves to another URL: the router follows its status within seconds, with no new pipeline revision.
        var (moved, movedUrl) = await LlmopProcess.StartMockLlmAsync("writer-mock", quality: 1.0, preamble: "moved: ");
        await using var __ = moved;
        await cluster.ApplyAsync(Hosted(cluster.Namespace, "writer", movedUrl));
        await cluster.WaitForModelAsync("writer", m => m.Status?.Endpoint == movedUrl, "serves at its new URL");
        Assert.True(
            await Eventually.Async(async () =>
                (await AskAsync(healthy.Status.Endpoint!, "Question number 2 about the product?")).StartsWith("moved: ", StringComparison.Ordinal)),
            "the pipeline did not follow the writer to its new URL");
        var after = await cluster.WaitForHealthyAsync("support-bot");
        Assert.Equal((healthy.Metadata.Generation, healthy.Status.StableRevision), (after.Metadata.Generation, after.Status!.StableRevision));
    }

    [Fact]
    public async Task A_component_canary_that_passes_its_own_gate_is_refused_when_it_breaks_the_pipelines_built_on_it_directly_or_not()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "pipeline-dependent");
        using var folder = new TempDirectory();
        // The new writer still says "you asked", so its own gate passes, but no longer starts with "You asked", which the pipeline needs.
        var reworded = folder.Write("answers.jsonl", string.Join('\n', Enumerable.Range(1, 40).Select(i => new JsonObject
        {
            ["input"] = $"Question number {i} about the product?",
            ["correct"] = $"Sure! you asked: Question number {i} about the product?",
            ["incorrect"] = "No idea.",
        }.ToJsonString())));
        var (stable, stableUrl) = await LlmopProcess.StartMockLlmAsync("writer-mock", quality: 1.0);
        var (canary, canaryUrl) = await LlmopProcess.StartMockLlmAsync("writer-mock", quality: 1.0, answers: reworded);
        await using var _ = stable;
        await using var __ = canary;
        const string Strict = "{% if steps.answer.output contains 'You asked' %}{{ steps.answer.output }}{% else %}I cannot use that answer.{% endif %}";
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace),
            Hosted(cluster.Namespace, "writer", stableUrl, gated: true),
            Hosted(cluster.Namespace, "backup", "http://127.0.0.1:9/v1"),
            Bot(cluster.Namespace, output: Strict),
            Portal(cluster.Namespace));
        var writer = await cluster.WaitForHealthyAsync("writer");
        await cluster.WaitForHealthyAsync("support-bot");
        await cluster.WaitForHealthyAsync("portal");

        await cluster.ApplyAsync(Hosted(cluster.Namespace, "writer", canaryUrl, gated: true));
        var refused = await cluster.WaitForModelAsync("writer", m => m.Status?.Phase == RolloutPhase.Degraded, "was refused by the pipeline's gate");

        // Both pipelines fail; the first verdict in ends the rollout.
        Assert.Matches(
            $"^Rollout of revision {refused.Status!.CanaryRevision ?? refused.Status.History![0].Revision} aborted: "
                + "gate answers of pipeline (support-bot|portal) failed with model writer's canary: ",
            refused.Status.Message);
        Assert.Equal(writer.Status!.StableRevision, refused.Status.StableRevision);
        Assert.Equal(stableUrl, refused.Status.Endpoint);
        // The pipeline's verdict came first and ended the rollout; the writer's own gate passes all the same.
        Assert.True(
            await Eventually.Async(async () => (await cluster.RunsOfAsync("writer"))
                .Any(r => r.Metadata.Labels["llmoperator.io/purpose"] == "rollout" && r.Status?.Phase == EvaluationPhase.Passed)),
            "the writer's own gate did not pass");
        Assert.Equal(["portal", "support-bot"], refused.Status.Dependents);
        // portal reaches the writer through support-bot: its run executes support-bot itself, with the canary inside, and fails too.
        EvaluationRun[] dependents = [];
        Assert.True(
            await Eventually.Async(async () =>
            {
                dependents = [.. (await cluster.RunsOfAsync("writer")).Where(r => r.Metadata.Labels["llmoperator.io/purpose"] == "dependent")];
                return dependents.Length == 2 && dependents.All(r => r.Status?.Phase == EvaluationPhase.Failed);
            }),
            "the runs of both pipelines did not fail");
        var portal = Assert.Single(dependents, r => r.Metadata.Labels[WellKnownLabels.Pipeline] == "portal");
        Assert.Equal(["support-bot"], portal.Spec.Candidate.Pipeline!.Inline!.Keys);
        Assert.Equal(canaryUrl, portal.Spec.Candidate.Pipeline.Overrides!["writer"].Url);
        Assert.Contains(dependents, r => r.Metadata.Labels[WellKnownLabels.Pipeline] == "support-bot");
    }

    [Fact]
    public async Task A_prompt_candidate_that_passes_its_own_gate_is_rejected_when_it_breaks_a_pipeline_that_renders_it()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "pipeline-prompt");
        var (writer, writerUrl) = await LlmopProcess.StartMockLlmAsync("writer-mock", quality: 1.0);
        await using var _ = writer;
        // The pipeline can use an answer only when the question comes back first, as version 1 words it.
        const string Strict =
            "{% if steps.answer.output contains 'You asked: Question' %}{{ steps.answer.output }}{% else %}I cannot use that answer.{% endif %}";
        var bot = Bot(cluster.Namespace, output: Strict);
        var call = bot["spec"]!["pipeline"]!["steps"]![0]!["call"]!.AsObject();
        call["promptRef"] = new JsonObject { ["name"] = "answer" };
        call["vars"] = new JsonObject { ["question"] = "{{ input }}" };
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace),
            TestManifests.PromptGate(cluster.Namespace),
            Hosted(cluster.Namespace, "writer", writerUrl),
            Hosted(cluster.Namespace, "backup", "http://127.0.0.1:9/v1"),
            TestManifests.Prompt(cluster.Namespace, "answer", 1, "{{ question }}", ["prompt-answers"], model: "writer"),
            bot);
        await cluster.WaitForPhaseAsync("answer-v1", PromptPhase.Active);

        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "answer", 2, "Please answer: {{ question }}", ["prompt-answers"], model: "writer"));
        var rejected = await cluster.WaitForPhaseAsync("answer-v2", PromptPhase.Rejected);

        Assert.StartsWith(
            "Gate answers of pipeline support-bot, with this version, failed: ",
            rejected.Status!.Message,
            StringComparison.Ordinal);
        Assert.EndsWith("Version 1 keeps serving.", rejected.Status.Message, StringComparison.Ordinal);
        Assert.Equal(PromptPhase.Active, (await cluster.WaitForPhaseAsync("answer-v1", PromptPhase.Active)).Status!.Phase);
        var inPipeline = Assert.Single(
            await cluster.RunsOfPromptAsync("answer"),
            r => r.Metadata.Labels.ContainsKey(WellKnownLabels.Pipeline) && r.Metadata.Labels[WellKnownLabels.PromptVersion] == "2");
        Assert.Equal((2, 1), (inPipeline.Spec.Candidate.Pipeline!.PromptVersions!["answer"], inPipeline.Spec.Baseline!.Pipeline!.PromptVersions!["answer"]));
    }

    // As a client in the cluster would: through the sandbox's Service proxy.
    private async Task<string> AskAsync(string endpoint, string question)
    {
        using var http = new HttpClient(new HttpClientHandler { Proxy = new WebProxy(sandbox.Server.ProxyAddress), UseProxy = true });
        var body = new JsonObject
        {
            ["model"] = "support-bot",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(endpoint.TrimEnd('/') + "/chat/completions"), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }

    private static JsonObject Hosted(string ns, string name, string baseUrl, bool gated = false) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "ModelDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = "writer-mock" },
            ["engine"] = "external",
            ["external"] = new JsonObject { ["baseUrl"] = baseUrl },
            ["rollout"] = gated ? new JsonObject { ["steps"] = new JsonArray(TestManifests.Evaluate("answers")) } : null,
        },
    };

    // An application on top of support-bot: what support-bot answers, it answers.
    private static JsonObject Portal(string ns) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "ModelDeployment",
        ["metadata"] = new JsonObject { ["name"] = "portal", ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = "portal" },
            ["engine"] = "pipeline",
            ["replicas"] = 1,
            ["pipeline"] = new JsonObject
            {
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["name"] = "ask",
                    ["call"] = new JsonObject { ["modelRef"] = new JsonObject { ["name"] = "support-bot" } },
                }),
            },
            ["rollout"] = new JsonObject { ["steps"] = new JsonArray(TestManifests.Evaluate("answers")) },
        },
    };

    // Asks the writer, falling back to a backup that is down; the output template is what each revision changes.
    private static JsonObject Bot(string ns, string? output)
    {
        var pipeline = new JsonObject
        {
            ["steps"] = new JsonArray(new JsonObject
            {
                ["name"] = "answer",
                ["call"] = new JsonObject
                {
                    ["modelRef"] = new JsonObject { ["name"] = "writer" },
                    ["timeout"] = "20s",
                    ["fallback"] = new JsonArray(new JsonObject { ["modelRef"] = new JsonObject { ["name"] = "backup" } }),
                },
            }),
        };
        if (output is not null)
        {
            pipeline["output"] = output;
        }

        return new JsonObject
        {
            ["apiVersion"] = "llmoperator.io/v1alpha1",
            ["kind"] = "ModelDeployment",
            ["metadata"] = new JsonObject { ["name"] = "support-bot", ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["model"] = new JsonObject { ["name"] = "support-bot" },
                ["engine"] = "pipeline",
                ["replicas"] = 1,
                ["pipeline"] = pipeline,
                ["rollout"] = new JsonObject { ["steps"] = new JsonArray(TestManifests.Evaluate("answers")) },
            },
        };
    }
}
