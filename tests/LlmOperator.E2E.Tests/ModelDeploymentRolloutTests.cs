using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.E2E.Tests;

/// <summary>Rollouts of mock ModelDeployments applied with kubectl, judged by evaluation Jobs against mock-llm pods.</summary>
public sealed class ModelDeploymentRolloutTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    [Fact]
    public async Task A_better_revision_goes_through_every_step_and_becomes_stable()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "pass");
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace), TestManifests.MockModel(cluster.Namespace, "chat", TestManifests.EvaluateWeightPauseEvaluate()));
        var first = (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision!;
        // Nothing has addressed one revision alone yet: the main Service is all the first revision needs.
        Assert.Equal(["chat"], (await cluster.Services.ListAsync(cluster.Namespace, null, default)).Items.Select(s => s.Metadata.Name));

        await using var recorder = await StatusRecorder.StartAsync(cluster.Models, cluster.Namespace, "chat");
        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", TestManifests.EvaluateWeightPauseEvaluate(), args: ["--latency=1"]));
        var second = (await cluster.WaitForModelAsync("chat", m => m.Status?.CanaryRevision is not null, "started a rollout")).Status!.CanaryRevision!;
        var done = await cluster.WaitForHealthyAsync("chat", stableRevision: second);

        // Every step was seen: both evaluations, the weight, and the timed pause.
        var path = recorder.Seen.Where(s => s.CanaryRevision == second).ToList();
        Assert.Contains(path, s => s.CurrentStepIndex == 0 && s.CurrentEvaluation?.Name.EndsWith("-s0-answers", StringComparison.Ordinal) == true);
        Assert.Contains(path, s => s.CurrentStepIndex == 2 && s.Phase == RolloutPhase.Paused && s.CanaryWeight == 50);
        Assert.Contains(path, s => s.CurrentStepIndex == 3 && s.CurrentEvaluation?.Name.EndsWith("-s3-answers", StringComparison.Ordinal) == true);
        Assert.Equal(RolloutResult.Promoted, done.Status!.History![0].Result);
        Assert.Equal(second, done.Status.History[0].Revision);

        var runs = (await cluster.RunsOfAsync("chat")).Where(r => r.Spec.Target.Revision == second).ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(EvaluationPhase.Passed, r.Status!.Phase));
        Assert.All(runs, r => Assert.Equal(1, r.Status!.Attempts));
        Assert.All(runs, r => Assert.StartsWith($"http://chat-canary.{cluster.Namespace}.svc", r.Spec.Candidate.Url, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.StartsWith($"http://chat-stable.{cluster.Namespace}.svc", r.Spec.Baseline!.Url, StringComparison.Ordinal));

        // The old revision is scaled to zero and kept; every Service, the stable and canary ones made for the rollout too, selects the new one.
        Assert.Equal(0, (await cluster.Deployments.GetAsync(new ObjectKey(cluster.Namespace, $"chat-{first}"), default))!.Spec.Replicas);
        Assert.Equal(2, (await cluster.Deployments.GetAsync(new ObjectKey(cluster.Namespace, $"chat-{second}"), default))!.Spec.Replicas);
        foreach (var service in new[] { "chat", "chat-stable", "chat-canary" })
        {
            Assert.Equal(
                second, (await cluster.Services.GetAsync(new ObjectKey(cluster.Namespace, service), default))!.Spec.Selector["llmoperator.io/revision"]);
        }

        var table = await cluster.KubectlAsync("get", "md", "chat");
        Assert.Matches($@"chat\s+Healthy\s+{second}", table);

        // The model answers through the API server's service proxy, as kubectl get --raw reaches it on a cluster.
        var listed = await cluster.KubectlAsync("get", "--raw", $"/api/v1/namespaces/{cluster.Namespace}/services/chat:80/proxy/v1/models");
        Assert.Contains("\"id\":\"chat\"", listed, StringComparison.Ordinal);
        var pod = (await cluster.KubectlAsync("get", "pods", "-l", $"llmoperator.io/revision={second}", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        Assert.Contains("\"id\":\"chat\"", await cluster.KubectlAsync("get", "--raw", $"/api/v1/namespaces/{cluster.Namespace}/pods/{pod}/proxy/v1/models"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worse_revision_is_rolled_back_and_a_git_revert_returns_to_healthy_without_steps()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "fail");
        var good = TestManifests.MockModel(cluster.Namespace, "chat", TestManifests.EvaluateWeightPauseEvaluate());
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace), good);
        var stable = (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision!;

        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", TestManifests.EvaluateWeightPauseEvaluate(), args: ["--quality=0.5"]));
        var degraded = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "was rolled back");

        var status = degraded.Status!;
        var canary = status.CanaryRevision!;
        Assert.True(status.Abort);
        Assert.Equal(0, status.CanaryWeight);
        Assert.Equal(stable, status.StableRevision);
        var condition = Conditions.Find(status.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("EvaluationFailed", ConditionStatus.True), (condition.Reason, condition.Status));
        Assert.Contains("gate answers failed", condition.Message, StringComparison.Ordinal);
        Assert.Contains("pass rate", condition.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionStatus.False, Conditions.Find(status.Conditions, ConditionTypes.EvaluationsPassing)!.Status);

        // Traffic stays on the old revision, and the canary is scaled down after abortScaleDownDelaySeconds.
        Assert.Equal(
            stable, (await cluster.Services.GetAsync(new ObjectKey(cluster.Namespace, "chat"), default))!.Spec.Selector["llmoperator.io/revision"]);
        Assert.True(
            await Testing.Eventually.Async(
                async () => (await cluster.Deployments.GetAsync(new ObjectKey(cluster.Namespace, $"chat-{canary}"), default))?.Spec.Replicas == 0,
                TimeSpan.FromSeconds(60)),
            "the aborted canary was scaled down");

        Assert.Matches(@"chat\s+Degraded", await cluster.KubectlAsync("get", "md", "chat"));
        var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == canary);
        Assert.Equal(EvaluationPhase.Failed, run.Status!.Phase);
        Assert.Matches(@"Failed\s+Failed: ", await cluster.KubectlAsync("get", "evaluationrun", run.Metadata.Name));
        Assert.NotNull(run.Status.ResultsRef);
        await cluster.WaitForEventAsync("chat", e => e.Reason == "RolloutAborted" && e.Type == "Warning", "about the aborted rollout");

        // The revert: the spec is the stable revision again, so it is Healthy at once and nothing is evaluated.
        var runsBefore = (await cluster.RunsOfAsync("chat")).Count;
        await cluster.ApplyAsync(good);
        var healthy = await cluster.WaitForHealthyAsync("chat", stableRevision: stable);
        Assert.Null(healthy.Status!.Abort);
        Assert.Equal(runsBefore, (await cluster.RunsOfAsync("chat")).Count);
    }

    [Fact]
    public async Task A_promotion_with_max_surge_1_never_runs_more_than_one_pod_above_its_3_replicas_and_ends_healthy()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "surge");
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace),
            SurgeLimited(TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], replicas: 3), 1));
        var first = (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision!;

        await using var pods = await PodCountRecorder.StartAsync(sandbox.Client, cluster.Namespace, "llmoperator.io/model=chat");
        await using var statuses = await StatusRecorder.StartAsync(cluster.Models, cluster.Namespace, "chat");
        await cluster.ApplyAsync(
            SurgeLimited(TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], args: ["--latency=1"], replicas: 3), 1));
        var second = (await cluster.WaitForModelAsync("chat", m => m.Status?.CanaryRevision is not null, "started a rollout")).Status!.CanaryRevision!;
        var done = await cluster.WaitForHealthyAsync("chat", stableRevision: second);

        Assert.Equal(4, pods.Most);
        // The stable revision gave up its replicas one at a time, as the canary's became ready.
        var promoting = $"Promoting revision {second}: 1 of 3 replicas ready; revision {first} keeps 2 until more are";
        Assert.Contains(statuses.Seen, s => s.Message?.StartsWith(promoting, StringComparison.Ordinal) == true);
        Assert.Equal(RolloutResult.Promoted, done.Status!.History![0].Result);
        Assert.Equal(0, (await cluster.Deployments.GetAsync(new ObjectKey(cluster.Namespace, $"chat-{first}"), default))!.Spec.Replicas);
        Assert.Equal(3, (await cluster.Deployments.GetAsync(new ObjectKey(cluster.Namespace, $"chat-{second}"), default))!.Status.ReadyReplicas);
    }

    [Fact]
    public async Task A_promotion_whose_canary_cannot_get_its_next_pod_is_aborted_at_its_deadline_and_the_stable_revision_gets_its_replicas_back()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "deadline");
        JsonObject Model(int deadlineSeconds, params string[] args) => SurgeLimited(
            TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Pause()], args: args), 1, progressDeadlineSeconds: deadlineSeconds);
        await cluster.ApplyAsync(Model(120));
        var stable = (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision!;
        await cluster.ApplyAsync(Model(120, "--latency=1"));
        var canary = (await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Paused, "paused at its first step")).Status!.CanaryRevision!;

        // The short deadline only for the promotion (the deadline is no part of the revision): a loaded machine may take more
        // than 5 s to start the canary's first pod, which is not what this test is about.
        await cluster.ApplyAsync(Model(5, "--latency=1"));
        var shorter = await cluster.WaitForModelAsync("chat", m => m.Status?.ObservedGeneration == 3, "saw the shorter deadline");
        Assert.Equal((RolloutPhase.Paused, canary), (shorter.Status!.Phase, shorter.Status.CanaryRevision));

        // No more pods can be created in the namespace, as when a quota or the cluster's GPUs are used up: the pods' service
        // account is gone, so the API server refuses them.
        await cluster.KubectlAsync("delete", "serviceaccount", "default");
        var promote = await LlmopProcess.RunAsync(["promote", "chat", "-n", cluster.Namespace, "--kubeconfig", sandbox.KubeconfigPath]);
        Assert.True(promote.ExitCode == 0, promote.Output);

        var aborted = (await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "was aborted at the deadline")).Status!;
        var why = "its canary had 1 of 2 replicas ready while it was promoted and no more became ready within 5 s; "
            + "the cluster may lack capacity for its pods (GPUs, quota; maxSurge 1, maxUnavailable 0), or they fail to start";
        var degraded = Conditions.Find(aborted.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal(("PromotionDeadlineExceeded", $"Rollout of revision {canary} aborted: {why}"), (degraded.Reason, degraded.Message));
        Assert.Equal((RolloutResult.Aborted, why), (aborted.History![0].Result, aborted.History[0].Message));
        Assert.Equal(stable, aborted.StableRevision);
        await cluster.WaitForEventAsync(
            "chat", e => e.Reason == "RolloutAborted" && e.Type == "Warning" && e.Message.Contains(why, StringComparison.Ordinal), "about the deadline");

        // The stable revision gave up one replica for the canary's ready one, and takes it back once pods can be created again.
        Assert.Equal(
            stable, (await cluster.Services.GetAsync(new ObjectKey(cluster.Namespace, "chat"), default))!.Spec.Selector["llmoperator.io/revision"]);
        await cluster.KubectlAsync("create", "serviceaccount", "default");
        Assert.True(
            await Testing.Eventually.Async(
                async () => (await cluster.Deployments.GetAsync(new ObjectKey(cluster.Namespace, $"chat-{stable}"), default))?.Status?.ReadyReplicas == 2
                    && (await cluster.Deployments.GetAsync(new ObjectKey(cluster.Namespace, $"chat-{canary}"), default))?.Spec.Replicas == 0,
                TimeSpan.FromSeconds(60)),
            "the stable revision got both replicas back and the canary was scaled down");
    }

    // A mock model whose rollouts run at most maxSurge pods above its replicas.
    private static JsonObject SurgeLimited(JsonObject model, int maxSurge, int? progressDeadlineSeconds = null)
    {
        var rollout = model["spec"]!["rollout"]!.AsObject();
        rollout["maxSurge"] = maxSurge;
        if (progressDeadlineSeconds is { } seconds)
        {
            rollout["progressDeadlineSeconds"] = seconds;
        }

        return model;
    }
}
