using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Pipelines.Execution;

/// <summary>
/// What rules and templates of one request see: input (the last user message), vars (the caller's),
/// messages (the conversation) and steps.NAME.output of the steps that have answered. Templates also
/// see the caller's vars and a call's own vars by their names, as prompts expect them.
/// </summary>
internal sealed class PipelineScope
{
    private readonly PipelineRequest _request;
    private readonly Dictionary<string, string> _outputs = new(StringComparer.Ordinal);

    public PipelineScope(PipelineRequest request) => _request = request;

    public string Input => _request.Input;

    public IReadOnlyList<Templates.ChatMessage> Messages => _request.Messages;

    public string? LastOutput { get; private set; }

    public void Record(string step, string output)
    {
        _outputs[step] = output;
        LastOutput = output;
    }

    /// <summary>The variables of a CEL rule; <paramref name="output"/> is the answer an unless rule judges.</summary>
    public Dictionary<string, object?> ForRule(string? output = null)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["input"] = Input,
            ["vars"] = PlainValues.From(_request.Vars) ?? new Dictionary<string, object?>(StringComparer.Ordinal),
            ["steps"] = _outputs.ToDictionary(
                p => p.Key, p => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["output"] = p.Value }, StringComparer.Ordinal),
        };
        if (output is not null)
        {
            variables["output"] = output;
        }

        return variables;
    }

    /// <summary>The variables of a template: the caller's vars by name, then input, vars, messages, steps, then <paramref name="extra"/>.</summary>
    public JsonObject ForTemplate(IEnumerable<KeyValuePair<string, JsonNode?>>? extra = null)
    {
        var variables = _request.Vars?.DeepClone().AsObject() ?? [];
        variables["input"] = Input;
        variables["vars"] = _request.Vars?.DeepClone() ?? new JsonObject();
        variables["messages"] = new JsonArray([.. Messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]);
        variables["steps"] = new JsonObject(_outputs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject { ["output"] = p.Value })));
        foreach (var (name, value) in extra ?? [])
        {
            variables[name] = value;
        }

        return variables;
    }
}
