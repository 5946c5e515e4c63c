using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// Prompt versions applied and deleted with kubectl, judged by evaluation Jobs against a mock-llm model,
/// promoted, rejected and published to the ConfigMap applications read.
/// </summary>
public sealed class PromptVersionTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    private const string Gate = "prompt-answers";
    private const string ImmutableMessage = "a PromptVersion is immutable: commit a new version instead of editing this one";

    [Fact]
    public async Task A_better_version_is_promoted_a_worse_one_rejected_and_a_git_revert_reactivates_the_older_one_without_a_run()
    {
        using var cluster = await StartAsync("prompt");

        // v1: the first version, judged on its thresholds alone, becomes active and is published.
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "support", 1, "{{ question }}", [Gate]));
        var v1 = await cluster.WaitForPhaseAsync("support-v1", PromptPhase.Active);
        var firstRun = Assert.Single(await cluster.RunsOfPromptAsync("support"));
        Assert.Null(firstRun.Spec.Baseline);
        Assert.Equal(1, firstRun.Spec.Candidate.PromptVersion);
        Assert.StartsWith($"http://chat-stable.{cluster.Namespace}.svc", firstRun.Spec.Candidate.Url, StringComparison.Ordinal);
        var published = await PublishedAsync(cluster, version: 1);
        Assert.Equal(v1.Status!.ContentHash, published.Metadata.Annotations["llmoperator.io/content-hash"]);
        var document = JsonNode.Parse(published.Data["prompt.json"])!;
        Assert.Equal("{{ question }}", (string?)document["messages"]![1]!["content"]);
        Assert.Equal($"http://chat.{cluster.Namespace}.svc/v1", (string?)document["model"]!["endpoint"]);
        Assert.Equal("chat", (string?)document["model"]!["servedModel"]);

        // v2, better: paired against v1 on the same cases, promoted, and the ConfigMap now holds it.
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "support", 2, "Please answer: {{ question }}", [Gate]));
        var v2 = await cluster.WaitForPhaseAsync("support-v2", PromptPhase.Active);
        await cluster.WaitForPhaseAsync("support-v1", PromptPhase.Superseded);
        var run = Assert.Single(await cluster.RunsOfPromptAsync("support"), r => r.Spec.Target.Name == "support-v2");
        Assert.Equal((2, 1), (run.Spec.Candidate.PromptVersion, run.Spec.Baseline!.PromptVersion));
        Assert.Equal(EvaluationPhase.Passed, run.Status!.Phase);
        Assert.Equal(run.Metadata.Name, v2.Status!.Evaluation!.Name);
        // Both sides rendered the same case through their own version: mock-llm echoed what each one sent.
        Assert.Equal("You asked: Please answer: Question number 1 about the product?", await OutputAsync(cluster, run, "candidate", "q01"));
        Assert.Equal("You asked: Question number 1 about the product?", await OutputAsync(cluster, run, "baseline", "q01"));
        published = await PublishedAsync(cluster, version: 2);
        Assert.Equal("Please answer: {{ question }}", (string?)JsonNode.Parse(published.Data["prompt.json"])!["messages"]![1]!["content"]);
        await cluster.WaitForEventAsync("support-v2", e => e.Reason == "PromptPromoted", "PromptPromoted");
        await cluster.WaitForEventAsync("support-v1", e => e.Reason == "PromptSuperseded", "PromptSuperseded");

        // v3, worse: it leaves the question out, fails the gate, and v2 keeps serving.
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "support", 3, "Tell me about the product.", [Gate]));
        var v3 = await cluster.WaitForPhaseAsync("support-v3", PromptPhase.Rejected);
        Assert.StartsWith("Gate prompt-answers failed: ", v3.Status!.Message, StringComparison.Ordinal);
        Assert.Contains("pass rate", v3.Status.Message, StringComparison.Ordinal);
        Assert.EndsWith("Version 2 keeps serving.", v3.Status.Message, StringComparison.Ordinal);
        Assert.Equal("EvaluationFailed", Conditions.Find(v3.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        await cluster.WaitForEventAsync("support-v3", e => e.Reason == "PromptRejected" && e.Type == "Warning", "PromptRejected (Warning)");
        Assert.Equal(published.Metadata.ResourceVersion, (await PublishedAsync(cluster, version: 2)).Metadata.ResourceVersion);
        var table = await cluster.KubectlAsync("get", "pver");
        Assert.Matches(@"NAME\s+PROMPT\s+VERSION\s+PHASE\s+VERDICT\s+AGE", table);
        Assert.Matches(@"support-v2\s+support\s+2\s+Active\s+Passed: ", table);
        Assert.Matches(@"support-v3\s+support\s+3\s+Rejected\s+Failed: ", table);

        // Deleting v3 changes nothing: v2 stays active and the ConfigMap is not written.
        var before = (await cluster.Prompts.GetAsync(new ObjectKey(cluster.Namespace, "support-v2"), default))!.Metadata.ResourceVersion;
        await cluster.KubectlAsync("delete", "pver", "support-v3");
        Assert.True(
            await Testing.Eventually.Async(async () => (await cluster.RunsOfPromptAsync("support")).All(r => r.Spec.Target.Name != "support-v3")),
            "v3's run was not garbage-collected");
        Assert.Equal(before, (await cluster.Prompts.GetAsync(new ObjectKey(cluster.Namespace, "support-v2"), default))!.Metadata.ResourceVersion);
        Assert.Equal(published.Metadata.ResourceVersion, (await PublishedAsync(cluster, version: 2)).Metadata.ResourceVersion);

        // Deleting v2 (a Git revert) makes v1 desired again: it passed before, so it is active at once, with no new run.
        await cluster.KubectlAsync("delete", "pver", "support-v2");
        v1 = await cluster.WaitForPhaseAsync("support-v1", PromptPhase.Active);
        Assert.StartsWith("Version 1 is active again without a new evaluation", v1.Status!.Message, StringComparison.Ordinal);
        Assert.Equal(firstRun.Metadata.Name, v1.Status.Evaluation!.Name);
        Assert.Equal(
            [firstRun.Metadata.Name],
            (await cluster.RunsOfPromptAsync("support")).Where(r => r.Spec.Target.Name == "support-v1").Select(r => r.Metadata.Name));
        await PublishedAsync(cluster, version: 1);
        await cluster.WaitForEventAsync("support-v1", e => e.Reason == "PromptReactivated", "PromptReactivated");
    }

    [Fact]
    public async Task A_model_rollout_gated_through_a_prompt_renders_its_cases_through_the_active_version()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "modelprompt");
        var steps = new JsonArray(TestManifests.Evaluate(Gate));
        await cluster.ApplyAsync(
            TestManifests.PromptGate(cluster.Namespace, promptRef: "support"), TestManifests.MockModel(cluster.Namespace, "chat", steps, replicas: 1));
        await cluster.WaitForHealthyAsync("chat");
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "support", 1, "Customer asks: {{ question }}", [Gate]));
        await cluster.WaitForPhaseAsync("support-v1", PromptPhase.Active);

        await cluster.ApplyAsync(
            TestManifests.MockModel(cluster.Namespace, "chat", new JsonArray(TestManifests.Evaluate(Gate)), args: ["--latency=1"], replicas: 1));
        var canary = (await cluster.WaitForModelAsync("chat", m => m.Status?.CanaryRevision is not null, "started a rollout")).Status!.CanaryRevision!;
        await cluster.WaitForHealthyAsync("chat", stableRevision: canary);

        var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == canary);
        Assert.Equal((1, 1), (run.Spec.Candidate.PromptVersion, run.Spec.Baseline!.PromptVersion));
        Assert.Equal("support", run.Spec.Gate.Spec.PromptRef!.Name);
        Assert.Equal(EvaluationPhase.Passed, run.Status!.Phase);
        Assert.Equal("You asked: Customer asks: Question number 7 about the product?", await OutputAsync(cluster, run, "candidate", "q07"));
        Assert.Equal("You asked: Customer asks: Question number 7 about the product?", await OutputAsync(cluster, run, "baseline", "q07"));
    }

    [Fact]
    public async Task A_template_that_does_not_parse_or_a_dataset_without_a_required_variable_is_answered_before_any_run()
    {
        using var cluster = await StartAsync("badprompt");

        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "broken", 1, "{% if question %}{{ question }}", [Gate]));
        var broken = await cluster.WaitForPhaseAsync("broken-v1", PromptPhase.Rejected);
        Assert.StartsWith(
            "Its messages do not parse as Liquid templates: prompt broken v1 message 2 does not parse: ", broken.Status!.Message, StringComparison.Ordinal);
        Assert.Equal(("InvalidTemplate", ConditionStatus.True), Degraded(broken));
        await cluster.WaitForEventAsync("broken-v1", e => e.Reason == "InvalidTemplate" && e.Type == "Warning", "InvalidTemplate (Warning)");

        var needsProduct = TestManifests.Prompt(cluster.Namespace, "product", 1, "{{ question }} (about {{ product }})", [Gate]);
        needsProduct["spec"]!["variables"]!.AsArray().Add(new JsonObject { ["name"] = "product" });
        await cluster.ApplyAsync(needsProduct);
        var pending = await cluster.WaitForPromptAsync(
            "product-v1", p => Conditions.IsTrue(p.Status?.Conditions, ConditionTypes.Degraded), "reported the missing variable");
        Assert.Equal(PromptPhase.Pending, pending.Status!.Phase);
        Assert.Equal("40 of 40 cases of gate prompt-answers lack the required variable product (the first, case \"q01\").", pending.Status.Message);
        Assert.Equal(("MissingVariables", ConditionStatus.True), Degraded(pending));
        await cluster.WaitForEventAsync("product-v1", e => e.Reason == "MissingVariables" && e.Type == "Warning", "MissingVariables (Warning)");

        Assert.Empty(await cluster.RunsOfPromptAsync("broken"));
        Assert.Empty(await cluster.RunsOfPromptAsync("product"));
        Assert.Null(await cluster.ConfigMapAsync("prompt-broken"));
        Assert.Null(await cluster.ConfigMapAsync("prompt-product"));
    }

    [Fact]
    public async Task A_duplicate_version_is_rejected_a_missing_model_is_named_a_deleted_configmap_comes_back_and_an_edit_is_refused()
    {
        using var cluster = await StartAsync("dupprompt");

        // The ConfigMap's name belongs to the prompt: one made by hand is written over (its other keys stay).
        await cluster.ApplyAsync(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "prompt-faq", ["namespace"] = cluster.Namespace },
            ["data"] = new JsonObject { ["notes"] = "made by hand" },
        });

        // Without gates a version is promoted at once; the second object with the same version is ignored.
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "faq", 1, "{{ question }}", [], name: "faq-a"));
        await cluster.WaitForPhaseAsync("faq-a", PromptPhase.Active);
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "faq", 1, "FAQ: {{ question }}", [], name: "faq-b"));
        var duplicate = await cluster.WaitForPhaseAsync("faq-b", PromptPhase.Rejected);
        Assert.Equal(
            "PromptVersion faq-a is already version 1 of prompt faq and was created first, so this one is ignored; "
            + "commit the change as a new version.",
            duplicate.Status!.Message);
        Assert.Equal(("DuplicateVersion", ConditionStatus.True), Degraded(duplicate));
        var active = await cluster.WaitForPhaseAsync("faq-a", PromptPhase.Active);
        Assert.Equal("Version 1 names no gates: it is active without an evaluation. Published in ConfigMap prompt-faq.", active.Status!.Message);
        var faq = await PublishedAsync(cluster, version: 1, prompt: "faq");
        Assert.Equal("{{ question }}", (string?)JsonNode.Parse(faq.Data["prompt.json"])!["messages"]![1]!["content"]);
        Assert.Equal("made by hand", faq.Data["notes"]);

        // A published ConfigMap deleted by hand is written again: the operator watches the ones it publishes.
        await cluster.KubectlAsync("delete", "configmap", "prompt-faq");
        await PublishedAsync(cluster, version: 1, prompt: "faq");
        await cluster.WaitForEventAsync(
            "faq-a",
            e => e.Reason == "PromptPublished" && e.Message.EndsWith("(it did not exist)", StringComparison.Ordinal),
            "PromptPublished (it did not exist)");

        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "lost", 1, "{{ question }}", [Gate], model: "nowhere"));
        var lost = await cluster.WaitForPromptAsync(
            "lost-v1", p => Conditions.IsTrue(p.Status?.Conditions, ConditionTypes.Degraded), "reported the missing model");
        Assert.Equal(PromptPhase.Pending, lost.Status!.Phase);
        Assert.Equal($"spec.modelRef names ModelDeployment nowhere, which does not exist in namespace {cluster.Namespace}.", lost.Status.Message);
        Assert.Equal(("ModelNotFound", ConditionStatus.True), Degraded(lost));
        var missing = await cluster.WaitForEventAsync("lost-v1", e => e.Reason == "ModelNotFound" && e.Type == "Warning", "ModelNotFound (Warning)");
        Assert.Equal(1, missing.Count ?? 1);

        var edit = TestManifests.Prompt(cluster.Namespace, "faq", 1, "Edited: {{ question }}", [], name: "faq-a");
        var refused = await cluster.Kubectl.RunAsync(["apply", "-f", "-"], edit.ToJsonString(), TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(ImmutableMessage, refused.Error, StringComparison.Ordinal);
        var kept = (await cluster.Prompts.GetAsync(new ObjectKey(cluster.Namespace, "faq-a"), default))!;
        Assert.Equal("{{ question }}", kept.Spec.Messages[1].Content);
        Assert.Equal(1, kept.Metadata.Generation);
    }

    // A namespace with the prompt gate and a one-replica mock model that is ready to evaluate on.
    private async Task<TestCluster> StartAsync(string prefix)
    {
        var cluster = await TestCluster.CreateAsync(sandbox, prefix);
        await cluster.ApplyAsync(
            TestManifests.PromptGate(cluster.Namespace),
            TestManifests.MockModel(cluster.Namespace, "chat", new JsonArray(new JsonObject { ["setWeight"] = 100 }), replicas: 1));
        await cluster.WaitForHealthyAsync("chat");
        return cluster;
    }

    // Waits for the prompt's ConfigMap to hold the version (a version is Active just before it is written).
    private static async Task<k8s.Models.V1ConfigMap> PublishedAsync(TestCluster cluster, int version, string prompt = "support")
    {
        k8s.Models.V1ConfigMap? configMap = null;
        var held = await Testing.Eventually.Async(async () =>
        {
            configMap = await cluster.ConfigMapAsync($"prompt-{prompt}");
            return configMap?.Metadata.Annotations?.TryGetValue("llmoperator.io/prompt-version", out var value) == true
                && value == version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.True(
            held,
            $"ConfigMap prompt-{prompt} never held version {version}; its annotations: {k8s.KubernetesJson.Serialize(configMap?.Metadata.Annotations)}");
        Assert.Equal("llm-operator", configMap!.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Null(configMap.Metadata.OwnerReferences);
        return configMap;
    }

    // What mock-llm answered for a case on one side of a run, from the run's results ConfigMap.
    private static async Task<string?> OutputAsync(TestCluster cluster, EvaluationRun run, string role, string caseId)
    {
        var results = await cluster.ConfigMapAsync(run.Status!.ResultsRef!.Name);
        var report = JsonNode.Parse(results!.Data[run.Status.ResultsRef.Key])!;
        var endpoint = report["endpoints"]!.AsArray().Single(e => (string?)e!["role"] == role)!;
        var evaluationCase = endpoint["cases"]!.AsArray().Single(c => (string?)c!["id"] == caseId)!;
        return (string?)evaluationCase["repeats"]![0]!["output"];
    }

    private static (string Reason, ConditionStatus Status) Degraded(PromptVersion version)
    {
        var condition = Conditions.Find(version.Status!.Conditions, ConditionTypes.Degraded)!;
        return (condition.Reason, condition.Status);
    }
}
