using System.Net;
using System.Text.Json.Nodes;

namespace LlmOperator.Evaluation.Client;

/// <summary>
/// OpenAI's structured output as TGI takes it. TGI's response_format is its grammar, adjacently tagged:
/// <c>{type: json, value: &lt;schema&gt;}</c> (json_object is an alias of json) or <c>{type: regex, value}</c>; 3.3 added
/// <c>{type: json_schema, value: {name, schema}}</c>. No version reads OpenAI's <c>{type: json_schema, json_schema: {...}}</c>
/// or a bare <c>{type: json_object}</c>: TGI answers 422 "Failed to deserialize the JSON body into the target type:
/// response_format: ..." (see text-generation-inference router/src/lib.rs, GrammarType). Learned from that answer, whatever
/// the engine is called, a client sends the schema as TGI's json grammar from then on, which every TGI with grammars reads.
/// </summary>
public sealed class TgiResponseFormat
{
    private volatile bool _learned;

    /// <summary>Whether the engine has shown it reads response_format as TGI does.</summary>
    public bool Learned => _learned;

    /// <summary>Notes a refusal of OpenAI's response_format; true the first time, when the request is worth sending again translated.</summary>
    public bool Learn(HttpStatusCode? status, ModelError error, JsonObject sent)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(sent);
        if (_learned || status != HttpStatusCode.UnprocessableEntity
            || !error.Message.Contains("response_format", StringComparison.Ordinal) || Translate(sent["response_format"]) is null)
        {
            return false;
        }

        _learned = true;
        return true;
    }

    /// <summary>Once learned, replaces OpenAI's json_schema or json_object response_format with TGI's json grammar.</summary>
    public void Apply(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (_learned && Translate(body["response_format"]) is { } grammar)
        {
            body["response_format"] = grammar;
        }
    }

    // {type: json_schema, json_schema: {schema}} and {type: json_object} become {type: json, value: schema}; a format that
    // already has TGI's value, or another type (text), is left as it is.
    private static JsonObject? Translate(JsonNode? format)
    {
        if (format is not JsonObject { } shape || shape.ContainsKey("value"))
        {
            return null;
        }

        var type = ChatCompletionReader.Text(shape["type"]);
        if (type is not ("json_schema" or "json_object"))
        {
            return null;
        }

        var schema = type == "json_schema" ? (shape["json_schema"] as JsonObject)?["schema"] : shape["schema"];
        return new JsonObject { ["type"] = "json", ["value"] = schema?.DeepClone() ?? new JsonObject { ["type"] = "object" } };
    }
}
