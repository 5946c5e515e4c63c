using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Evaluation.MockLlm;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Testing;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.Tests.MockLlm;

public class MockLlmTests
{
    private static readonly HttpClient Http = new();

    private static async Task<(HttpStatusCode Status, string Body, string? ContentType)> PostAsync(string url, string json)
    {
        using var response = await Http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task It_serves_health_models_and_completions_with_usage()
    {
        await using var server = await MockLlmHost.StartAsync(o => o.Model = "tiny");

        Assert.Equal("ok", await Http.GetStringAsync(server.Url.Replace("/v1", "/health", StringComparison.Ordinal)));
        Assert.Equal("tiny", JsonNode.Parse(await Http.GetStringAsync(server.Url + "/models"))!["data"]![0]!["id"]!.GetValue<string>());
        var (status, body, type) = await PostAsync(
            server.Url + "/chat/completions", """{"model":"tiny","messages":[{"role":"user","content":"Hello there, model"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var completion = JsonNode.Parse(body)!;
        Assert.Equal("You asked: Hello there, model", completion["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(5, completion["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(8, completion["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_preamble_goes_before_every_answer_right_or_wrong()
    {
        await using var server = await MockLlmHost.StartAsync(o => o.Preamble = "Thanks for asking! ");

        var (_, body, _) = await PostAsync(server.Url + "/chat/completions", """{"model":"m","messages":[{"role":"user","content":"abcd"}]}""");

        Assert.Equal("Thanks for asking! You asked: abcd", JsonNode.Parse(body)!["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Its_quality_can_change_while_it_runs_as_a_hosted_model_drifts_behind_its_name()
    {
        await using var server = await MockLlmHost.StartAsync();
        var root = server.Url.Replace("/v1", "", StringComparison.Ordinal);
        async Task<string> AskAsync() => JsonNode.Parse((await PostAsync(server.Url + "/chat/completions",
            """{"model":"m","messages":[{"role":"user","content":"abcd"}]}""")).Body)!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.Equal("You asked: abcd", await AskAsync());

        using var drift = await Http.PutAsync(root + "/mock/quality", new StringContent("""{"quality":0}""", Encoding.UTF8, "application/json"));
        using var bad = await Http.PutAsync(root + "/mock/quality", new StringContent("""{"quality":2}""", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.BadRequest), (drift.StatusCode, bad.StatusCode));
        Assert.Equal("I am not sure.", await AskAsync());
    }

    [Fact]
    public async Task It_streams_server_sent_events_with_usage_when_asked()
    {
        await using var server = await MockLlmHost.StartAsync();

        var (_, body, type) = await PostAsync(
            server.Url + "/chat/completions",
            """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"abcd"}]}""");

        Assert.Equal("text/event-stream", type);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.Equal("You asked: abcd", string.Concat(chunks.Select(c => c["choices"]!.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>())));
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(1, chunks[^1]["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Quality_picks_an_exact_share_of_correct_answers_and_lower_quality_is_a_subset()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("answers.jsonl", string.Concat(Enumerable.Range(0, 100).Select(i =>
            $"{{\"input\":\"q{i}\",\"correct\":\"right {i}\",\"incorrect\":\"wrong\"}}\n")));
        var book = AnswerBook.Load(path);

        var right90 = Enumerable.Range(0, 100).Where(i => book.Answer($"q{i}", 0.9) == $"right {i}").ToHashSet();
        var right70 = Enumerable.Range(0, 100).Where(i => book.Answer($"q{i}", 0.7) == $"right {i}").ToHashSet();

        Assert.Equal(90, right90.Count);
        Assert.Equal(70, right70.Count);
        Assert.Subset(right90, right70);
        Assert.Equal(right90, Enumerable.Range(0, 100).Where(i => AnswerBook.Load(path).Answer($" q{i} ", 0.9) == $"right {i}").ToHashSet());
        Assert.Equal("wrong", book.Answer("q1", 0.0));
        Assert.Equal("I am not sure.", book.Answer("never seen", 0.0));
    }

    [Theory]
    [InlineData("{\"input\":\"a\",\"correct\":\"b\"}\nnot json\n", ":2: not valid JSON: ")]
    [InlineData("{\"input\":\"a\"}\n", ":1: \"correct\" is required")]
    [InlineData("{\"input\":\"a\",\"correct\":\"b\"}\n{\"input\":\"a\",\"correct\":\"c\"}\n", ":2: the input is already answered on line 1")]
    [InlineData("{\"input\":\"a\",\"correct\":5}\n", ":1: \"correct\" must be a string, not number")]
    [InlineData("{\"input\":\"a\",\"correct\":\"b\",\"tool_call\":{\"arguments\":{}}}\n", ":1: \"tool_call\" must be an object with a \"name\"")]
    [InlineData(
        "{\"input\":\"a\",\"correct\":\"b\",\"tool_call\":{\"name\":\"f\",\"arguments\":[]}}\n",
        ":1: \"tool_call.arguments\" must be an object or a JSON string, not array")]
    public void Answer_file_mistakes_name_their_line(string content, string message)
    {
        using var folder = new TempDirectory();
        var path = folder.Write("answers.jsonl", content);

        var error = Assert.Throws<FormatException>(() => AnswerBook.Load(path));

        Assert.StartsWith(path + message, error.Message);
    }

    [Fact]
    public async Task It_answers_with_the_book_s_function_call_when_the_request_offers_that_tool_and_forced_choices_always_get_one()
    {
        using var folder = new TempDirectory();
        var answers = folder.Write(
            "answers.jsonl", """{"input":"Weather?","correct":"Sunny.","tool_call":{"name":"get_weather","arguments":{"city":"Paris"}}}""" + "\n");
        await using var server = await MockLlmHost.StartAsync(o => o.AnswersPath = answers);
        const string Tools = """[{"type":"function","function":{"name":"get_time"}},{"type":"function","function":{"name":"get_weather"}}]""";
        async Task<JsonNode> AskAsync(string question, string extra) => JsonNode.Parse((await PostAsync(
            server.Url + "/chat/completions", """{"model":"m","messages":[{"role":"user","content":""" + $"\"{question}\"}}]{extra}}}")).Body)!["choices"]![0]!;
        static string Called(JsonNode choice) =>
            $"{choice["message"]!["tool_calls"]![0]!["function"]!["name"]}({choice["message"]!["tool_calls"]![0]!["function"]!["arguments"]})";

        var call = await AskAsync("Weather?", $$""","tools":{{Tools}},"tool_choice":"auto" """);
        var text = await AskAsync("Weather?", "");
        var refused = await AskAsync("Weather?", $$""","tools":{{Tools}},"tool_choice":"none" """);
        var required = await AskAsync("Hello?", $$""","tools":{{Tools}},"tool_choice":"required" """);
        var named = await AskAsync("Weather?", $$$""","tools":{{{Tools}}},"tool_choice":{"type":"function","function":{"name":"get_time"}} """);
        var unoffered = await AskAsync("Weather?", ""","tools":[{"type":"function","function":{"name":"get_time"}}]""");

        Assert.Equal(("get_weather({\"city\":\"Paris\"})", "tool_calls"), (Called(call), call["finish_reason"]!.GetValue<string>()));
        Assert.Null(call["message"]!["content"]);
        Assert.Equal(["Sunny.", "Sunny."], new[] { text, refused }.Select(c => c["message"]!["content"]!.GetValue<string>()));
        Assert.Equal(["get_time({})", "get_time({})"], new[] { required, named }.Select(Called));
        Assert.Equal("Sunny.", unoffered["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void Invalid_options_are_refused_before_serving()
    {
        var error = Assert.Throws<OptionsValidationException>(() => MockLlmServer.Build(new MockLlmOptions { Port = 0, Quality = 1.5 }));

        Assert.Equal(
            "DataAnnotation validation failed for 'MockLlmOptions' members: 'Quality' with the error: 'The field Quality must be between 0 and 1.'.",
            error.Message);
    }

    [Fact]
    public async Task Embeddings_are_deterministic_and_similar_for_shared_words()
    {
        await using var server = await MockLlmHost.StartAsync();

        var (_, body, _) = await PostAsync(server.Url + "/embeddings", """{"model":"m","input":["the cat sat","The cat sat!","stock prices fell"]}""");

        var vectors = JsonNode.Parse(body)!["data"]!.AsArray().Select(d => d!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray()).ToList();
        Assert.Equal(MockEmbeddings.Dimensions, vectors[0].Length);
        Assert.Equal(1.0, Evaluation.Assertions.SimilarAssertion.Cosine(vectors[0], vectors[1], "t"), 5);
        Assert.True(Evaluation.Assertions.SimilarAssertion.Cosine(vectors[0], vectors[2], "t") < 0.5);
    }

    [Fact]
    public async Task Bad_requests_and_injected_faults_get_OpenAI_style_errors()
    {
        await using var server = await MockLlmHost.StartAsync();
        server.State.Faults.Enqueue(new MockFault(429, 3));

        using var limited = await Http.PostAsync(
            server.Url + "/chat/completions", new StringContent("""{"messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"));
        var (status, body, _) = await PostAsync(server.Url + "/chat/completions", """{"messages":[]}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"error":{"message":"messages must be a non-empty array","type":"invalid_request_error"}}""", body);
        Assert.Equal(2, server.State.ChatRequests);
    }

    [Fact]
    public async Task The_error_rate_fails_that_share_of_requests_from_a_seeded_sequence()
    {
        await using var server = await MockLlmHost.StartAsync(o => { o.ErrorRate = 0.25; o.Seed = 3; });
        var random = new Random(3);
        var expected = Enumerable.Range(0, 40).Count(_ => random.NextDouble() < 0.25);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await PostAsync(server.Url + "/chat/completions", """{"messages":[{"role":"user","content":"x"}]}""")).Status);
        }

        Assert.Equal(expected, statuses.Count(s => s == HttpStatusCode.InternalServerError));
        Assert.InRange(expected, 4, 16);
    }
}
