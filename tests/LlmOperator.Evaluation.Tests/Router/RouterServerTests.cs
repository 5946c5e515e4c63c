using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Evaluation.MockLlm;
using LlmOperator.Evaluation.Router;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Serving;
using LlmOperator.Testing;
using Microsoft.AspNetCore.Builder;

namespace LlmOperator.Evaluation.Tests.Router;

// llmop router over HTTP on loopback, its components mock-llm servers: what a pipeline revision's pods serve.
public sealed class RouterServerTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();
    private WebApplication _mock = null!;

    public async Task InitializeAsync()
    {
        var answers = _folder.Write("answers.jsonl", string.Join('\n',
            new JsonObject { ["input"] = "What is 2+2?", ["correct"] = "4", ["incorrect"] = "5" }.ToJsonString(),
            new JsonObject { ["input"] = "How do I make a bomb?", ["correct"] = "unsafe", ["incorrect"] = "safe" }.ToJsonString()));
        _mock = MockLlmServer.Build(new MockLlmOptions { Port = 0, AnswersPath = answers });
        await _mock.StartAsync();
    }

    public async Task DisposeAsync() => await _mock.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private const string GuardThenAnswer = """
        [{"name":"guard","call":{"modelRef":{"name":"guard-llm"},"messages":[{"role":"user","content":"{{ input }}"}]}},
         {"name":"answer","switch":[{"when":"steps.guard.output == 'unsafe'","respond":"Sorry, I cannot help with that."},
           {"call":{"modelRef":{"name":"writer"},"fallback":[{"modelRef":{"name":"guard-llm"}}]}}]}]
        """;

    // As the operator writes it into the revision's ConfigMap.
    private RouterConfiguration Configuration(string writerUrl, string steps = GuardThenAnswer)
    {
        var configuration = RouterConfiguration.Parse(
            """{"name":"support-bot","namespace":"support","revision":"abc123","servedModel":"support-bot","pipeline":{"steps":""" + steps + "}}");
        configuration.Components["guard-llm"] = new RouterComponent { Url = MockLlmServer.Address(_mock) + "v1", Model = "mock-llm" };
        configuration.Components["writer"] = new RouterComponent { Url = writerUrl, Model = "mock-llm" };
        return RouterConfiguration.Parse(configuration.ToJson());
    }

    private static async Task<(WebApplication App, HttpClient Http)> StartAsync(RouterConfiguration configuration)
    {
        var app = RouterServer.Build(new RouterOptions { Host = "127.0.0.1", Port = 0 }, configuration, _ => NoPrompts.Instance);
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = MockLlmServer.Address(app) });
    }

    private static StringContent Chat(string question, bool stream = false) => new(
        new JsonObject
        {
            ["model"] = "support-bot",
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
        }.ToJsonString(),
        Encoding.UTF8,
        "application/json");

    [Fact]
    public async Task The_pipeline_answers_as_an_openai_model_and_lists_itself()
    {
        var (app, http) = await StartAsync(Configuration(MockLlmServer.Address(_mock) + "v1"));
        await using var _ = app;
        using var __ = http;

        var models = JsonNode.Parse(await http.GetStringAsync(new Uri("/v1/models", UriKind.Relative)))!;
        using var safe = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Chat("What is 2+2?"));
        using var unsafeQuestion = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Chat("How do I make a bomb?"));
        var answer = JsonNode.Parse(await safe.Content.ReadAsStringAsync())!;

        Assert.Equal("support-bot", models["data"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, safe.StatusCode);
        Assert.Equal(("chat.completion", "support-bot"), (answer["object"]!.GetValue<string>(), answer["model"]!.GetValue<string>()));
        Assert.Equal(("4", "stop"), (Content(answer), answer["choices"]![0]!["finish_reason"]!.GetValue<string>()));
        Assert.Equal("Sorry, I cannot help with that.", Content(JsonNode.Parse(await unsafeQuestion.Content.ReadAsStringAsync())!));
        Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }

    [Fact]
    public async Task A_streamed_request_gets_server_sent_events_that_add_up_to_the_answer()
    {
        var (app, http) = await StartAsync(Configuration(MockLlmServer.Address(_mock) + "v1"));
        await using var _ = app;
        using var __ = http;

        using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Chat("What is 2+2?", stream: true));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!["choices"]![0]!).ToList();
        Assert.Equal("4", string.Concat(chunks.Select(c => c["delta"]!["content"]?.GetValue<string>())));
        Assert.Equal("stop", chunks[^1]["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_component_that_is_down_falls_back_and_a_pipeline_that_cannot_answer_says_which_step_failed()
    {
        var (app, http) = await StartAsync(Configuration("http://127.0.0.1:9/v1"));
        await using var _ = app;
        using var __ = http;
        var (broken, brokenHttp) = await StartAsync(Configuration("http://127.0.0.1:9/v1", """[{"name":"only","call":{"modelRef":{"name":"writer"}}}]"""));
        await using var ___ = broken;
        using var ____ = brokenHttp;

        using var fellBack = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Chat("What is 2+2?"));
        using var failed = await brokenHttp.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), Chat("What is 2+2?"));
        var error = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["error"]!;
        var metrics = await brokenHttp.GetStringAsync(new Uri(RouterServer.MetricsPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, fellBack.StatusCode);
        Assert.Equal("4", Content(JsonNode.Parse(await fellBack.Content.ReadAsStringAsync())!));
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("pipeline_error", error["type"]!.GetValue<string>());
        Assert.StartsWith(
            "step only: spec.pipeline.steps[0].call: no call answered (writer: ", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("llmop_pipeline_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"error\"", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "the body is not JSON: ")]
    [InlineData("""{"messages":[]}""", "messages must be a non-empty list")]
    [InlineData("""{"messages":[{"role":"system","content":"be brief"}]}""", "messages must hold a user message: it is the pipeline's input")]
    [InlineData("""{"messages":[{"role":"user","content":42}]}""", "messages[0] needs a role and text content")]
    public async Task A_request_the_pipeline_cannot_read_gets_400_with_why(string body, string expected)
    {
        var (app, http) = await StartAsync(Configuration(MockLlmServer.Address(_mock) + "v1"));
        await using var _ = app;
        using var __ = http;

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_that_misses_a_component_or_a_rule_that_does_not_compile_stops_the_start()
    {
        var missing = Configuration("http://127.0.0.1:9/v1");
        missing.Components.Remove("writer");
        var broken = Configuration("http://127.0.0.1:9/v1", """[{"name":"a","switch":[{"when":"input ==","respond":"x"}]}]""");

        var noWriter = Assert.Throws<PipelineDefinitionException>(() => RouterServer.Build(new RouterOptions { Port = 0 }, missing, _ => NoPrompts.Instance));
        var noRule = Assert.Throws<PipelineDefinitionException>(() => RouterServer.Build(new RouterOptions { Port = 0 }, broken, _ => NoPrompts.Instance));

        Assert.Equal("the router configuration has no endpoint for writer", noWriter.Message);
        Assert.StartsWith("spec.pipeline.steps[0].switch[0].when: the rule does not compile: ", noRule.Message, StringComparison.Ordinal);
    }

    private static string Content(JsonNode answer) => answer["choices"]![0]!["message"]!["content"]!.GetValue<string>();

}
