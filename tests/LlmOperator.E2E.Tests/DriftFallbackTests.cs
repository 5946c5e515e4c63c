using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Testing;
using LlmOperator.Testing.ArgoCd;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// spec.evaluation.onDrift: fallback in the sandbox, with the samples of config/samples/drift: a hosted
/// model (mock-llm outside the cluster) drifts behind its name, its dated snapshot passes the same gate
/// and serves instead, what clients read follows (status.endpoint, the published prompt), Argo CD says
/// why, and the model serves again once it recovers.
/// </summary>
public sealed class DriftFallbackTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    private const string SampleProvider = "http://127.0.0.1:8101/v1";
    private const string SampleSnapshot = "http://127.0.0.1:8102/v1";

    [Fact]
    public async Task A_drifted_hosted_model_hands_over_to_its_snapshot_once_it_passes_the_gate_and_takes_over_again_when_the_drift_is_over()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "fallback");
        var (provider, url) = await LlmopProcess.StartMockLlmAsync("gpt-mock", quality: 1.0);
        var (snapshot, snapshotUrl) = await LlmopProcess.StartMockLlmAsync("gpt-mock-0806", quality: 1.0);
        await using var _ = provider;
        await using var __ = snapshot;
        // The samples of the README's story, with the providers this test started in place of ports 8101 and 8102.
        using var samples = new TempDirectory();
        foreach (var sample in Directory.GetFiles(RepositoryPaths.Combine("config", "samples", "drift")))
        {
            var text = await File.ReadAllTextAsync(sample);
            Assert.True(text.Contains(SampleProvider, StringComparison.Ordinal) || text.Contains(SampleSnapshot, StringComparison.Ordinal), sample);
            samples.Write(
                Path.GetFileName(sample),
                text.Replace(SampleProvider, url, StringComparison.Ordinal).Replace(SampleSnapshot, snapshotUrl, StringComparison.Ordinal));
        }

        await cluster.KubectlAsync(
            "apply", "-f", RepositoryPaths.Combine("config", "samples", "sandbox", "evaluationgate-answers.yaml"), "-f", samples.Path);
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "support", 1, "{{ question }}", [], model: "assistant"));
        await cluster.WaitForHealthyAsync("assistant-snapshot");
        var released = await cluster.WaitForModelAsync(
            "assistant", m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.ReleaseBaseline?.Revision == m.Status.StableRevision, "kept its release");
        Assert.Equal("StandingBy", Conditions.Find(released.Status!.Conditions, ConditionTypes.ServingFallback)!.Reason);
        Assert.Equal(url, await PublishedEndpointAsync(cluster, url));

        await SetQualityAsync(url, 0.85);
        var serving = await cluster.WaitForModelAsync(
            "assistant", m => m.Status?.ServingFallback is not null, "served its fallback", within: TimeSpan.FromMinutes(3));
        var status = serving.Status!;
        Assert.Equal((snapshotUrl, "gpt-mock-0806", released.Status.StableRevision), (status.Endpoint, status.ServedModel, status.StableRevision));
        Assert.Equal(("assistant-snapshot", released.Status.StableRevision), (status.ServingFallback!.Name, status.ServingFallback.Replacing));
        Assert.Equal((RolloutPhase.Degraded, "ServingFallback"), (status.Phase, Conditions.Find(status.Conditions, ConditionTypes.Degraded)!.Reason));
        var judged = Assert.Single(await cluster.RunsOfAsync("assistant"), r => r.Metadata.Labels["llmoperator.io/purpose"] == "fallback");
        Assert.Equal((EvaluationPhase.Passed, snapshotUrl, "assistant-snapshot"), (judged.Status!.Phase, judged.Spec.Candidate.Url, judged.Spec.Target.Name));
        Assert.Equal([judged.Metadata.Name], status.ServingFallback.Runs!);
        await cluster.WaitForEventAsync("assistant", e => e.Reason == "ServingFallback" && e.Type == "Warning", "ServingFallback");
        Assert.Equal(snapshotUrl, await PublishedEndpointAsync(cluster, snapshotUrl));

        // Argo CD reads the object as kubectl returns it: Degraded, and why.
        var health = ArgoCdLua.Health(
            File.ReadAllText(RepositoryPaths.Combine("config", "argocd", "llmoperator.io", "ModelDeployment", "health.lua")),
            JsonNode.Parse(await cluster.KubectlAsync("get", "modeldeployment", "assistant", "-o", "json"))!.AsObject());
        Assert.Equal("Degraded", health.Status);
        Assert.Matches(
            @"^ServingFallback: Stable revision \w+ no longer passes gate answers: .*\. "
                + @"Fallback assistant-snapshot serves instead since [-0-9]+ [:0-9]+ UTC\. ",
            health.Message);
        var shown = await LlmopProcess.RunAsync("status", "assistant", "-n", cluster.Namespace, "--kubeconfig", sandbox.KubeconfigPath);
        Assert.Contains(
            $"\nServing fallback:  assistant-snapshot (gpt-mock-0806, revision {status.ServingFallback.Revision})", shown.Output, StringComparison.Ordinal);

        // The provider undoes its change: a later scheduled run passes, and the model serves again.
        await SetQualityAsync(url, 1.0);
        var recovered = await cluster.WaitForModelAsync(
            "assistant", m => m.Status is { ServingFallback: null, Phase: RolloutPhase.Healthy }, "served again", within: TimeSpan.FromMinutes(3));
        Assert.Equal((url, "gpt-mock"), (recovered.Status!.Endpoint, recovered.Status.ServedModel));
        await cluster.WaitForEventAsync("assistant", e => e.Reason == "DriftRecovered", "DriftRecovered");
        Assert.Equal(url, await PublishedEndpointAsync(cluster, url));
        Assert.Equal(DriftResponse.Fallback, (await cluster.ModelAsync("assistant")).Spec.Evaluation!.OnDrift);
    }

    private static async Task SetQualityAsync(string url, double quality)
    {
        using var http = new HttpClient();
        using var body = new StringContent(string.Create(CultureInfo.InvariantCulture, $$"""{"quality":{{quality}}}"""));
        using var set = await http.PutAsync(url[..^"/v1".Length] + "/mock/quality", body);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
    }

    // The endpoint the prompt's ConfigMap tells applications to call, once it is the one expected.
    private static async Task<string?> PublishedEndpointAsync(TestCluster cluster, string expected)
    {
        string? endpoint = null;
        await Eventually.Async(async () =>
        {
            var published = await cluster.ConfigMapAsync("prompt-support");
            endpoint = published?.Data?.TryGetValue("prompt.json", out var json) == true ? (string?)JsonNode.Parse(json)!["model"]!["endpoint"] : null;
            return endpoint == expected;
        });
        return endpoint;
    }
}
