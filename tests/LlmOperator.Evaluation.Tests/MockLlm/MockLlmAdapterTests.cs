using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Evaluation.MockLlm;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.MockLlm;

/// <summary>
/// mock-llm's LoRA adapters, answered as vLLM 0.6 answers (https://docs.vllm.ai/en/latest/features/lora/ and
/// vllm/entrypoints/openai/serving_models.py): runtime load and unload, /v1/models with each adapter's parent and
/// root, requests for an adapter answered at its quality, and unknown models refused with a 404 NotFoundError.
/// </summary>
public class MockLlmAdapterTests
{
    private static readonly HttpClient Http = new();

    private static Task<MockLlmHost> StartAsync(bool runtimeUpdating = true) => MockLlmHost.StartAsync(o =>
    {
        o.Model = "llama";
        o.Lora = new MockLoraOptions { MaxLoras = 4, RuntimeUpdating = runtimeUpdating };
    });

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(string url, string json)
    {
        using var response = await Http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<(HttpStatusCode Status, string Body)> AskAsync(MockLlmHost server, string model) =>
        PostAsync(server.Url + "/chat/completions", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"abcd"}]}""");

    private static string Answer(string body) => JsonNode.Parse(body)!["choices"]![0]!["message"]!["content"]!.GetValue<string>();

    [Fact]
    public async Task A_loaded_adapter_is_listed_with_its_parent_and_answers_at_the_quality_its_path_says()
    {
        await using var server = await StartAsync();

        var loaded = await PostAsync(
            server.Url + "/load_lora_adapter", """{"lora_name":"sql","lora_path":"https://adapters.example/sql/v2?quality=0"}""");
        await PostAsync(server.Url + "/load_lora_adapter", """{"lora_name":"chat","lora_path":"hf://acme/chat-lora"}""");

        Assert.Equal((HttpStatusCode.OK, "Success: LoRA adapter 'sql' added successfully."), loaded);
        var models = JsonNode.Parse(await Http.GetStringAsync(server.Url + "/models"))!["data"]!.AsArray();
        Assert.Equal(["llama", "chat", "sql"], models.Select(m => m!["id"]!.GetValue<string>()));
        Assert.Null(models[0]!["parent"]);
        Assert.Equal(
            ("llama", "https://adapters.example/sql/v2?quality=0"), (models[2]!["parent"]!.GetValue<string>(), models[2]!["root"]!.GetValue<string>()));

        var (status, body) = await AskAsync(server, "sql");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("I am not sure.", "sql"), (Answer(body), JsonNode.Parse(body)!["model"]!.GetValue<string>()));
        Assert.Equal("You asked: abcd", Answer((await AskAsync(server, "chat")).Body));
        Assert.Equal("You asked: abcd", Answer((await AskAsync(server, "llama")).Body));
    }

    [Fact]
    public async Task A_model_it_does_not_serve_is_refused_with_vllm_s_not_found_error()
    {
        await using var server = await StartAsync();

        var (status, body) = await AskAsync(server, "sql:canary");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"object":"error","message":"The model `sql:canary` does not exist.","type":"NotFoundError","param":null,"code":404}"""),
            JsonNode.Parse(body)));
    }

    [Fact]
    public async Task A_local_directory_is_an_adapter_only_with_adapter_config_json_and_answers_at_the_quality_its_mock_quality_file_says()
    {
        await using var server = await StartAsync();
        var folder = Directory.CreateTempSubdirectory("llmop-mock-adapter-");
        try
        {
            var empty = await PostAsync(server.Url + "/load_lora_adapter", $$"""{"lora_name":"sql","lora_path":"{{folder.FullName}}"}""");
            File.WriteAllText(Path.Combine(folder.FullName, "adapter_config.json"), """{"peft_type":"LORA","r":8}""");
            File.WriteAllText(Path.Combine(folder.FullName, MockLoraOptions.QualityFile), "0\n");
            var loaded = await PostAsync(server.Url + "/load_lora_adapter", $$"""{"lora_name":"sql","lora_path":"{{folder.FullName}}"}""");

            Assert.Equal(HttpStatusCode.NotFound, empty.Status);
            Assert.Equal(
                $"Loading lora sql failed: No adapter found for {folder.FullName}", JsonNode.Parse(empty.Body)!["message"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, loaded.Status);
            Assert.Equal("I am not sure.", Answer((await AskAsync(server, "sql")).Body));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Loads_and_unloads_are_refused_as_vllm_refuses_them()
    {
        await using var server = await StartAsync();
        await PostAsync(server.Url + "/load_lora_adapter", """{"lora_name":"sql","lora_path":"hf://acme/sql"}""");

        var again = await PostAsync(server.Url + "/load_lora_adapter", """{"lora_name":"sql","lora_path":"hf://acme/sql-v2"}""");
        var noPath = await PostAsync(server.Url + "/load_lora_adapter", """{"lora_name":"x"}""");
        var unloaded = await PostAsync(server.Url + "/unload_lora_adapter", """{"lora_name":"sql"}""");
        var unknown = await PostAsync(server.Url + "/unload_lora_adapter", """{"lora_name":"sql"}""");

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(("InvalidUserInput", "The lora adapter 'sql' has already been loaded."), Error(again.Body));
        Assert.Equal(("InvalidUserInput", "Both 'lora_name' and 'lora_path' must be provided."), Error(noPath.Body));
        Assert.Equal((HttpStatusCode.OK, "Success: LoRA adapter 'sql' removed successfully."), unloaded);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(("NotFoundError", "The lora adapter 'sql' cannot be found."), Error(unknown.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await AskAsync(server, "sql")).Status);
    }

    [Fact]
    public async Task A_load_in_place_replaces_what_is_served_under_the_name_as_later_vllm_versions_do()
    {
        await using var server = await StartAsync();
        await PostAsync(server.Url + "/load_lora_adapter", """{"lora_name":"sql","lora_path":"hf://acme/sql?quality=1"}""");

        var replaced = await PostAsync(
            server.Url + "/load_lora_adapter", """{"lora_name":"sql","lora_path":"hf://acme/sql-v2?quality=0","load_inplace":true}""");

        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal("I am not sure.", Answer((await AskAsync(server, "sql")).Body));
    }

    [Fact]
    public async Task Without_runtime_updating_the_endpoints_are_not_there()
    {
        await using var server = await StartAsync(runtimeUpdating: false);

        var (status, body) = await PostAsync(server.Url + "/load_lora_adapter", """{"lora_name":"sql","lora_path":"hf://acme/sql"}""");

        Assert.Equal((HttpStatusCode.NotFound, """{"detail":"Not Found"}"""), (status, body));
    }

    [Fact]
    public async Task Without_lora_any_model_name_is_answered_as_before()
    {
        await using var server = await MockLlmHost.StartAsync();

        Assert.Equal("You asked: abcd", Answer((await AskAsync(server, "anything")).Body));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(server.Url + "/load_lora_adapter", """{"lora_name":"a","lora_path":"b"}""")).Status);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData(" 1 ", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void Runtime_updating_is_read_from_the_environment_as_vllm_reads_it(string? value, bool on)
    {
        Assert.Equal(on, MockLoraOptions.IsOn(value));
    }

    private static (string Type, string Message) Error(string body)
    {
        var error = JsonNode.Parse(body)!;
        Assert.Equal("error", error["object"]!.GetValue<string>());
        return (error["type"]!.GetValue<string>(), error["message"]!.GetValue<string>());
    }
}
