using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Router;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Serving;
using LlmOperator.Templates;
using LlmOperator.Testing.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace LlmOperator.Evaluation.Tests.Router;

public class FollowedComponentsTests : IAsyncLifetime
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);
    private static readonly ClientSettings Settings = new(TimeSpan.FromSeconds(10), RetryPolicy.Default, 4, Stream: false);
    private readonly InMemoryCluster _cluster = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ModelClientFactory _factory = Engine.Factory();
    private MockLlmHost _old = null!;
    private MockLlmHost _new = null!;

    public async Task InitializeAsync()
    {
        _old = await MockLlmHost.StartAsync();
        _new = await MockLlmHost.StartAsync(o => o.Preamble = "new: ");
    }

    public async Task DisposeAsync()
    {
        await _old.DisposeAsync();
        await _new.DisposeAsync();
        _factory.Dispose();
    }

    private InMemoryResourceClient<ModelDeployment> Models => new(_cluster);

    private FollowedComponents Components(bool follow = true, Func<string, string?>? environment = null)
    {
        var configuration = new RouterConfiguration { Name = "support-bot", Namespace = "support", Revision = "abc" };
        configuration.Components["writer"] = new RouterComponent { Url = _old.Url, Model = "mock-llm", ApiKeyVariable = "LLMOP_API_KEY_WRITER" };
        return new FollowedComponents(configuration, follow ? Models : null, _factory, Settings, Refresh, _time, environment ?? (_ => null));
    }

    private Task<ModelDeployment> ServeAtAsync(string url) => _cluster.Get<ModelDeployment>(new ObjectKey("support", "writer")) is not null
        ? Models.PatchStatusAsync(new ObjectKey("support", "writer"), new JsonObject { ["status"] = new JsonObject { ["endpoint"] = url } }, default)
        : Models.CreateAsync(
            new ModelDeployment
            {
                Metadata = new V1ObjectMeta { Name = "writer", NamespaceProperty = "support" },
                Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = "mock-llm" }, Engine = InferenceEngine.External },
                Status = new ModelDeploymentStatus { Endpoint = url, ServedModel = "mock-llm" },
            },
            default);

    private static Task<string> AskAsync(FollowedComponents components) =>
        components.CompleteAsync(new ComponentCall("writer", [new ChatMessage("user", "hello")], null), default);

    [Fact]
    public async Task A_component_that_serves_elsewhere_is_followed_once_what_was_read_is_older_than_the_refresh_time()
    {
        await ServeAtAsync(_old.Url);
        var components = Components();
        Assert.Equal("You asked: hello", await AskAsync(components));

        await ServeAtAsync(_new.Url);
        Assert.Equal("You asked: hello", await AskAsync(components));
        _time.Advance(Refresh);

        Assert.Equal("new: You asked: hello", await AskAsync(components));
        Assert.Equal(_new.Url, components.EndpointOf("writer")!.Url);
    }

    [Fact]
    public async Task A_component_that_cannot_be_read_keeps_serving_where_it_was_and_without_a_cluster_nothing_is_followed()
    {
        var components = Components();
        _time.Advance(Refresh);

        Assert.Equal("You asked: hello", await AskAsync(components));

        await ServeAtAsync(_new.Url);
        var fixedComponents = Components(follow: false);
        _time.Advance(Refresh);
        Assert.Equal("You asked: hello", await AskAsync(fixedComponents));
    }

    [Fact]
    public async Task The_api_key_comes_from_the_variable_the_configuration_names()
    {
        var components = Components(environment: name => name == "LLMOP_API_KEY_WRITER" ? "sk-test" : null);

        Assert.NotNull(components.EndpointOf("writer")!.ApiKey);
        Assert.Null(Components().EndpointOf("writer")!.ApiKey);
        await Assert.ThrowsAsync<ComponentCallException>(
            () => components.CompleteAsync(new ComponentCall("reviewer", [new ChatMessage("user", "hello")], null), default));
    }
}
