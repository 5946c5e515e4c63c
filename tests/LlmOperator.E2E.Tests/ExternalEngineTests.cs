using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// The external engine: a hosted OpenAI-compatible provider (here mock-llm processes outside the
/// cluster). No pods are rendered; switching the provider or model is gated like any other release.
/// </summary>
public sealed class ExternalEngineTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    [Fact]
    public async Task Switching_to_a_worse_hosted_model_is_refused_and_a_better_one_is_promoted()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "external");
        var (current, currentUrl) = await LlmopProcess.StartMockLlmAsync("gpt-mock", quality: 1.0);
        var (worse, worseUrl) = await LlmopProcess.StartMockLlmAsync("gpt-mock", quality: 0.5);
        var (better, betterUrl) = await LlmopProcess.StartMockLlmAsync("gpt-mock", quality: 1.0);
        await using var _ = current;
        await using var __ = worse;
        await using var ___ = better;
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace), TestManifests.Hosted(cluster.Namespace, currentUrl));
        var first = await cluster.WaitForHealthyAsync("hosted");
        Assert.Equal(currentUrl, first.Status!.Endpoint);
        Assert.Equal("gpt-mock", first.Status.ServedModel);

        await cluster.ApplyAsync(TestManifests.Hosted(cluster.Namespace, worseUrl));
        var refused = await cluster.WaitForModelAsync("hosted", m => m.Status?.Phase == RolloutPhase.Degraded, "refused the worse provider");
        Assert.Equal(currentUrl, refused.Status!.Endpoint);
        Assert.Equal("EvaluationFailed", Conditions.Find(refused.Status.Conditions, ConditionTypes.Degraded)!.Reason);
        var run = Assert.Single(await cluster.RunsOfAsync("hosted"), r => r.Spec.Target.Revision == refused.Status.CanaryRevision);
        Assert.Equal((worseUrl, currentUrl), (run.Spec.Candidate.Url, run.Spec.Baseline!.Url));

        await cluster.ApplyAsync(TestManifests.Hosted(cluster.Namespace, betterUrl));
        var promoted = await cluster.WaitForHealthyAsync("hosted", stableRevision: null);
        Assert.Equal(betterUrl, promoted.Status!.Endpoint);
        Assert.Empty((await cluster.Deployments.ListAsync(cluster.Namespace, "llmoperator.io/model=hosted", default)).Items);
        Assert.Empty((await cluster.Services.ListAsync(cluster.Namespace, "llmoperator.io/model=hosted", default)).Items);
    }

    [Fact]
    public async Task A_hosted_model_behind_an_api_key_is_judged_with_the_key_of_its_secret_which_the_job_gets_from_the_kubelet()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "keyed");
        var (provider, url) = await LlmopProcess.StartMockLlmAsync("gpt-mock", quality: 1.0, apiKey: "sk-e2e-key");
        await using var _ = provider;
        var hosted = TestManifests.Hosted(cluster.Namespace, url);
        hosted["spec"]!["external"]!["apiKeySecretRef"] = new JsonObject { ["name"] = "provider", ["key"] = "api-key" };
        hosted["spec"]!["rollout"]!["evaluateFirstDeployment"] = true;
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "provider", ["namespace"] = cluster.Namespace },
            ["stringData"] = new JsonObject { ["api-key"] = "sk-e2e-key" },
        };

        await cluster.ApplyAsync(secret, TestManifests.Gate(cluster.Namespace), hosted);

        await cluster.WaitForHealthyAsync("hosted");
        var run = Assert.Single(await cluster.RunsOfAsync("hosted"));
        Assert.Equal(EvaluationPhase.Passed, run.Status!.Phase);
        var job = Assert.Single((await cluster.Jobs.ListAsync(cluster.Namespace, $"llmoperator.io/evaluation-run={run.Metadata.Name}", default)).Items);
        var key = Assert.Single(job.Spec.Template.Spec.Containers[0].Env, e => e.ValueFrom?.SecretKeyRef is not null);
        Assert.Equal(("provider", "api-key"), (key.ValueFrom.SecretKeyRef.Name, key.ValueFrom.SecretKeyRef.Key));
    }

    [Fact]
    public async Task A_hosted_model_that_drifts_behind_its_name_is_caught_against_its_release_while_it_still_passes_its_thresholds()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "drift");
        var (provider, url) = await LlmopProcess.StartMockLlmAsync("gpt-mock", quality: 1.0);
        await using var _ = provider;
        var hosted = TestManifests.Hosted(cluster.Namespace, url);
        hosted["spec"]!["rollout"]!["evaluateFirstDeployment"] = true;
        hosted["spec"]!["evaluation"] = new JsonObject { ["schedule"] = "* * * * *", ["gates"] = new JsonArray("answers") };
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace), hosted);
        var released = await cluster.WaitForModelAsync(
            "hosted", m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.ReleaseBaseline?.Revision == m.Status.StableRevision, "kept its release");
        Assert.Equal(["answers"], released.Status!.ReleaseBaseline!.Gates);

        // The provider changes its model behind the same name: about 85% of the answers stay right, above minPassRate 0.8.
        using (var http = new HttpClient())
        using (var drift = await http.PutAsync(url[..^"/v1".Length] + "/mock/quality", new StringContent("""{"quality":0.85}""")))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, drift.StatusCode);
        }

        var drifted = await cluster.WaitForModelAsync(
            "hosted", m => m.Status?.Phase == RolloutPhase.Degraded, "caught the drift", within: TimeSpan.FromMinutes(3));
        Assert.Equal("EvaluationsDrifted", Conditions.Find(drifted.Status!.Conditions, ConditionTypes.Degraded)!.Reason);
        Assert.Matches(
            $@"no longer passes gate answers: the pass rate changed -1\d\.\d points against the release of revision {released.Status.StableRevision} "
                + @"\(8\d\.\d% vs 100\.0% on 40 paired cases; .*\), a regression beyond the 10\.0 points allowed; cases that passed at its release",
            drifted.Status.Message);
        Assert.Equal((url, released.Status.StableRevision), (drifted.Status.Endpoint, drifted.Status.StableRevision));
        var run = Assert.Single(await cluster.RunsOfAsync("hosted"), r => r.Status?.Phase == EvaluationPhase.Failed);
        Assert.Equal(("hosted-release", "answers.json"), (run.Spec.ReleaseBaseline!.Results.Name, run.Spec.ReleaseBaseline.Results.Key));

        // The team decides the change is fine: what it answers now becomes the release, and it is Healthy again.
        var accept = await LlmopProcess.RunAsync(
            "promote", "hosted", "--accept-drift", "-n", cluster.Namespace, "--kubeconfig", sandbox.KubeconfigPath);
        Assert.True(accept.ExitCode == 0, accept.Output);
        var accepted = await cluster.WaitForModelAsync(
            "hosted",
            m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.ReleaseBaseline?.Runs?.Contains(run.Metadata.Name) == true,
            "accepted the drift");
        Assert.Null(accepted.Status!.AcceptDrift);
    }
}
