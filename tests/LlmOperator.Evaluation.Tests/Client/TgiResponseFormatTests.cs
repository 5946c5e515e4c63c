using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Tests.Support;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Tests.Client;

/// <summary>
/// OpenAI's response_format json_schema against TGI, which reads response_format as its own grammar (router/src/lib.rs
/// GrammarType, adjacently tagged {type, value}): refused with axum's 422, then sent as {type: json, value: schema}.
/// </summary>
public sealed class TgiResponseFormatTests
{
    private static readonly ChatMessage[] Question = [new("user", "Describe Paris as JSON.")];

    private static readonly JsonObject Schema = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")!.AsObject();

    private static JsonObject JsonSchemaFormat() => new()
    {
        ["response_format"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "city", ["strict"] = true, ["schema"] = Schema.DeepClone() },
        },
    };

    // What TGI 2.4 answers (serde's error under axum's Json rejection), and its answer to a grammar it reads.
    private static Task Tgi(Microsoft.AspNetCore.Http.HttpContext context, string body)
    {
        var format = JsonNode.Parse(body)!["response_format"]!;
        return format["type"]!.GetValue<string>() == "json" && format["value"] is JsonObject
            ? ReplayServer.Answer(
                context,
                200,
                """{"choices":[{"index":0,"message":{"role":"assistant","content":"{\"city\":\"Paris\"}"},"finish_reason":"eos_token"}]}""")
            : ReplayServer.Answer(
                context,
                422,
                "Failed to deserialize the JSON body into the target type: response_format: " +
                    "unknown variant `json_schema`, expected `json` or `regex` at line 1 column 190",
                "text/plain; charset=utf-8");
    }

    [Fact]
    public async Task A_json_schema_that_TGI_refuses_is_sent_again_as_its_json_grammar_and_so_from_then_on()
    {
        await using var server = await ReplayServer.StartAsync((context, _, body) => Tgi(context, body));
        using var client = server.Client(stream: false);

        var first = await client.CompleteAsync(Question, JsonSchemaFormat(), CancellationToken.None);
        var second = await client.CompleteAsync(Question, JsonSchemaFormat(), CancellationToken.None);

        Assert.Equal(("{\"city\":\"Paris\"}", "{\"city\":\"Paris\"}"), (first.Content, second.Content));
        Assert.Equal(3, server.Bodies.Count);
        Assert.Equal(
            new JsonObject { ["type"] = "json", ["value"] = Schema.DeepClone() }.ToJsonString(),
            JsonNode.Parse(server.Bodies[^1])!["response_format"]!.ToJsonString());
    }

    [Fact]
    public async Task A_TGI_that_refuses_its_own_grammar_too_gets_an_error_naming_TGI_and_what_each_version_reads()
    {
        await using var server = await ReplayServer.StartAsync((context, _, _) => ReplayServer.Answer(
            context,
            422,
            "Failed to deserialize the JSON body into the target type: response_format: unknown variant `json`, expected `regex` at line 1 column 40",
            "text/plain; charset=utf-8"));
        using var client = server.Client(stream: false);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.CompleteAsync(Question, JsonSchemaFormat(), CancellationToken.None));

        Assert.StartsWith($"m at {server.Url}/: the engine reads response_format as TGI does and refused it even as TGI's grammar ", error.Message);
        Assert.Contains("TGI takes no OpenAI json_schema in any version; 3.3 and later also take {type: json_schema, value: {name, schema}}", error.Message);
        Assert.Equal(2, server.Bodies.Count);
    }

    [Fact]
    public async Task An_engine_that_reads_json_schema_gets_it_as_it_is()
    {
        await using var server = await ReplayServer.StartAsync((context, _, _) =>
            ReplayServer.Answer(context, 200, """{"choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}]}"""));
        using var client = server.Client(stream: false);

        await client.CompleteAsync(Question, JsonSchemaFormat(), CancellationToken.None);

        Assert.Equal("json_schema", JsonNode.Parse(server.Bodies[0])!["response_format"]!["type"]!.GetValue<string>());
    }
}
