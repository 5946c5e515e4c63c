using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// A server in the cluster that requires an API key (spec.server.apiKeySecretRef), here the mock engine, which refuses
/// chat requests without it: the kubelet gives the pods the key from its Secret, and everything that calls the model
/// sends it, evaluation Jobs (candidate and baseline) and the routers of pipelines built on it.
/// </summary>
public sealed class InClusterApiKeyTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    private const string Key = "sk-in-cluster-key";

    [Fact]
    public async Task A_model_server_behind_an_api_key_is_judged_and_called_by_pipelines_with_the_key_of_its_secret()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "server-key");
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "chat-key", ["namespace"] = cluster.Namespace },
            ["stringData"] = new JsonObject { ["api-key"] = Key },
        };
        await cluster.ApplyAsync(secret, TestManifests.Gate(cluster.Namespace), Keyed(cluster.Namespace, []));
        var first = await cluster.WaitForHealthyAsync("chat");
        var main = first.Status!.Endpoint!;

        // The pods require the key: a caller without it is refused, one with it is answered.
        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(main, "chat", apiKey: null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(main, "chat", Key)).Status);

        // A new revision is judged against the stable one: both are called with the key, and it passes.
        await cluster.ApplyAsync(Keyed(cluster.Namespace, ["--preamble=Well, "]));
        var promoted = await cluster.WaitForModelAsync(
            "chat",
            m => m.Status?.Phase == RolloutPhase.Healthy && m.Status.StableRevision != first.Status.StableRevision && m.Status.CanaryRevision is null,
            "promoted its second revision");
        var run = Assert.Single(await cluster.RunsOfAsync("chat"));
        Assert.Equal(EvaluationPhase.Passed, run.Status!.Phase);
        Assert.Equal(("chat-key", "api-key"), (run.Spec.Candidate.ApiKeySecretRef!.Name, run.Spec.Candidate.ApiKeySecretRef.Key));
        Assert.Equal("chat-key", run.Spec.Baseline!.ApiKeySecretRef!.Name);
        var job = Assert.Single((await cluster.Jobs.ListAsync(cluster.Namespace, $"llmoperator.io/evaluation-run={run.Metadata.Name}", default)).Items);
        var jobKey = Assert.Single(job.Spec.Template.Spec.Containers[0].Env, e => e.ValueFrom?.SecretKeyRef is not null);
        Assert.Equal(("chat-key", "api-key"), (jobKey.ValueFrom.SecretKeyRef.Name, jobKey.ValueFrom.SecretKeyRef.Key));

        // A pipeline calling it: its router sends the key too.
        await cluster.ApplyAsync(Pipeline(cluster.Namespace));
        var pipeline = await cluster.WaitForHealthyAsync("assistant");
        var (status, answer) = await AskAsync(pipeline.Status!.Endpoint!, "assistant", apiKey: null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Well, ", answer, StringComparison.Ordinal);
        Assert.Equal(promoted.Status!.StableRevision, (await cluster.WaitForHealthyAsync("chat")).Status!.StableRevision);
    }

    // As a client in the cluster would: through the sandbox's Service proxy.
    private async Task<(HttpStatusCode Status, string? Answer)> AskAsync(string endpoint, string model, string? apiKey)
    {
        using var http = new HttpClient(new HttpClientHandler { Proxy = new WebProxy(sandbox.Server.ProxyAddress), UseProxy = true });
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Question number 3 about the product?" }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.TrimEnd('/') + "/chat/completions"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonNode.Parse(text)!["choices"]![0]!["message"]!["content"]!.GetValue<string>() : null);
    }

    // A mock model that requires the key of Secret chat-key; each new revision is judged against the stable one.
    private static JsonObject Keyed(string ns, string[] args)
    {
        var model = TestManifests.MockModel(ns, "chat", [TestManifests.Evaluate("answers")], args, replicas: 1);
        model["spec"]!["server"] = new JsonObject { ["apiKeySecretRef"] = new JsonObject { ["name"] = "chat-key", ["key"] = "api-key" } };
        return model;
    }

    private static JsonObject Pipeline(string ns) => new()
    {
        ["apiVersion"] = "llmoperator.io/v1alpha1",
        ["kind"] = "ModelDeployment",
        ["metadata"] = new JsonObject { ["name"] = "assistant", ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["model"] = new JsonObject { ["name"] = "assistant" },
            ["engine"] = "pipeline",
            ["replicas"] = 1,
            ["pipeline"] = new JsonObject
            {
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["name"] = "ask",
                    ["call"] = new JsonObject { ["modelRef"] = new JsonObject { ["name"] = "chat" } },
                }),
            },
        },
    };
}
