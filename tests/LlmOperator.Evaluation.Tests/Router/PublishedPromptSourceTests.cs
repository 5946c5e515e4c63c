using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Evaluation.Router;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Templates;
using LlmOperator.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Evaluation.Tests.Router;

public class PublishedPromptSourceTests
{
    private readonly InMemoryCluster _cluster = new();
    private readonly FakeTimeProvider _time = new();

    private PublishedPromptSource Source() =>
        new(new InMemoryResourceClient<V1ConfigMap>(_cluster), "support", TimeSpan.FromSeconds(5), _time);

    private async Task PublishAsync(int version, string content)
    {
        var client = new InMemoryResourceClient<V1ConfigMap>(_cluster);
        var document = $$"""{"promptName":"answer","version":{{version}},"contentHash":"h{{version}}","messages":[{"role":"user","content":"{{content}}"}]}""";
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = "prompt-answer",
                NamespaceProperty = "support",
                Annotations = new Dictionary<string, string> { ["llmoperator.io/content-hash"] = $"h{version}" },
            },
            Data = new Dictionary<string, string> { ["prompt.json"] = document },
        };
        if (await client.GetAsync(new ObjectKey("support", "prompt-answer"), default) is null)
        {
            await client.CreateAsync(configMap, default);
        }
        else
        {
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["llmoperator.io/content-hash"] = $"h{version}" } },
                ["data"] = new JsonObject { ["prompt.json"] = document },
            };
            await client.PatchAsync(new ObjectKey("support", "prompt-answer"), patch, default);
        }
    }

    private static string Render(PromptTemplate? template) => template!.Render(new() { ["input"] = "q" }).Messages.Single().Content;

    [Fact]
    public async Task A_promoted_prompt_serves_once_the_refresh_time_has_passed()
    {
        var source = Source();
        await PublishAsync(1, "v1 {{ input }}");

        var first = Render(await source.GetAsync("answer", default));
        await PublishAsync(2, "v2 {{ input }}");
        var cached = Render(await source.GetAsync("answer", default));
        _time.Advance(TimeSpan.FromSeconds(6));
        var promoted = Render(await source.GetAsync("answer", default));

        Assert.Equal(("v1 q", "v1 q", "v2 q"), (first, cached, promoted));
    }

    [Fact]
    public async Task An_unpublished_prompt_is_not_there_and_an_unreachable_api_keeps_the_last_one_read()
    {
        var source = Source();

        Assert.Null(await source.GetAsync("answer", default));
        await PublishAsync(1, "v1 {{ input }}");
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("v1 q", Render(await source.GetAsync("answer", default)));
        _time.Advance(TimeSpan.FromSeconds(6));
        _cluster.FailNext("get", "ConfigMap", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("v1 q", Render(await source.GetAsync("answer", default)));
        _cluster.FailNext("get", "ConfigMap", HttpStatusCode.ServiceUnavailable);
        var fresh = Source();
        var error = await Assert.ThrowsAsync<PipelineExecutionException>(async () => await fresh.GetAsync("answer", default));
        Assert.StartsWith("prompt answer cannot be read: ", error.Message, StringComparison.Ordinal);
    }
}
