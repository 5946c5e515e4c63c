using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Evaluation.Client;

/// <summary>
/// Joins the tool-call fragments of a streamed answer: each <c>delta.tool_calls</c> item names its call's index, the
/// first fragment of a call brings its id and name, and every fragment appends to its arguments. TGI before 3.2 sends
/// one object instead of a list, without a name, its arguments joining to <c>{"function": {"_name": ..., ...}}</c>
/// (see text-generation-inference router/src/lib.rs at v3.1.0): that wrapper is unwrapped.
/// </summary>
internal sealed class StreamedToolCalls
{
    private readonly SortedDictionary<long, Fragment> _calls = [];
    private int _length;

    /// <summary>Whether any fragment arrived.</summary>
    public bool Any => _calls.Count > 0;

    /// <summary>Adds one delta's tool_calls: a list of fragments, or a single one.</summary>
    public void Add(JsonNode? toolCalls)
    {
        IEnumerable<JsonNode?> fragments = toolCalls switch
        {
            JsonArray list => (IEnumerable<JsonNode?>)list,
            JsonObject single => [single],
            _ => [],
        };
        foreach (var fragment in fragments.OfType<JsonObject>())
        {
            var index = JsonKinds.TryGetInteger(fragment["index"], out var i) ? i : 0;
            if (!_calls.TryGetValue(index, out var call))
            {
                _calls[index] = call = new Fragment();
            }

            call.Id ??= NonEmpty(ChatCompletionReader.Text(fragment["id"]));
            var function = fragment["function"] as JsonObject;
            call.Name ??= NonEmpty(ChatCompletionReader.Text(function?["name"]));
            if (ChatCompletionReader.Text(function?["arguments"]) is { } piece)
            {
                _length += piece.Length;
                if (_length > ChatCompletionReader.MaxContentLength)
                {
                    throw new FormatException($"the tool calls are longer than {ChatCompletionReader.MaxContentLength} characters");
                }

                call.Arguments.Append(piece);
            }
        }
    }

    /// <summary>The joined calls in index order, and any text TGI streamed as its no_tool call.</summary>
    public (IReadOnlyList<ToolCall> Calls, string Text) Complete()
    {
        var calls = new List<ToolCall>(_calls.Count);
        var text = new StringBuilder();
        foreach (var call in _calls.Values)
        {
            var arguments = call.Arguments.ToString();
            if (call.Name is { } name)
            {
                calls.Add(new ToolCall(call.Id, name, arguments));
            }
            else if (Unwrap(arguments) is var (unwrappedName, unwrapped))
            {
                if (unwrappedName == "no_tool" && ChatCompletionReader.Text(unwrapped["content"]) is { } content)
                {
                    text.Append(content);
                }
                else
                {
                    calls.Add(new ToolCall(call.Id, unwrappedName, unwrapped.ToJsonString(ChatCompletionReader.Readable)));
                }
            }
            else
            {
                throw new FormatException($"a streamed tool call has no function name: {Shorten(arguments)}");
            }
        }

        return (calls, text.ToString());
    }

    // {"function": {"_name": "get_weather", "city": "Paris"}} (with TGI's end-of-turn token after it) -> get_weather, {"city": "Paris"}.
    private static (string Name, JsonObject Arguments)? Unwrap(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text[start..(end + 1)]) is JsonObject { } root && root["function"] is JsonObject function
                && ChatCompletionReader.Text(function["_name"]) is { Length: > 0 } name)
            {
                var arguments = (JsonObject)function.DeepClone();
                arguments.Remove("_name");
                return (name, arguments);
            }
        }
        catch (JsonException)
        {
            // Not TGI's wrapper: the caller reports the call as it is.
        }

        return null;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private sealed class Fragment
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
