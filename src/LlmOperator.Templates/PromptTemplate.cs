using System.Text.Json.Nodes;
using Fluid;
using LlmOperator.Api.Json;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Templates;

/// <summary>
/// A prompt compiled once and rendered per case: Liquid messages, and parameters whose strings are
/// Liquid too. Parsing fails for the whole prompt (every case would fail); rendering fails per case.
/// </summary>
public sealed class PromptTemplate
{
    private readonly (string Role, IFluidTemplate Content)[] _messages;
    private readonly JsonObject? _parameters;
    private readonly Dictionary<string, IFluidTemplate> _parameterTemplates;
    private readonly string[] _required;
    private readonly string[] _optional;

    private PromptTemplate(
        string name,
        (string, IFluidTemplate)[] messages,
        JsonObject? parameters,
        Dictionary<string, IFluidTemplate> parameterTemplates,
        string[] required,
        string[] optional)
    {
        Name = name;
        _messages = messages;
        _parameters = parameters;
        _parameterTemplates = parameterTemplates;
        _required = required;
        _optional = optional;
    }

    /// <summary>What the prompt is, for messages: for example "prompt support-answer v2".</summary>
    public string Name { get; }

    /// <summary>The request parameters as written, for cases that bring their own messages.</summary>
    public JsonObject? StaticParameters => _parameters;

    /// <summary>Compiles a PromptVersion. Throws <see cref="TemplateException"/> when a template does not parse.</summary>
    public static PromptTemplate FromPromptVersion(PromptVersionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var variables = spec.Variables ?? [];
        return Compile(
            $"prompt {spec.PromptName} v{spec.Version}",
            spec.Messages,
            OpenAiParameters.From(spec.Parameters),
            [.. variables.Where(v => v.Required).Select(v => v.Name)],
            [.. variables.Where(v => !v.Required).Select(v => v.Name)]);
    }

    /// <summary>Compiles a case's own messages; every variable they use must be given.</summary>
    public static PromptTemplate FromMessages(string name, IReadOnlyList<PromptMessage> messages, JsonObject? parameters = null) =>
        Compile(name, messages, parameters, [], []);

    /// <summary>Renders the prompt with a case's variables. Throws <see cref="TemplateException"/> naming what is missing.</summary>
    public RenderedPrompt Render(JsonObject? variables)
    {
        var missing = _required.Where(v => variables?[v] is null && variables?.ContainsKey(v) != true).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(m => $"\"{m}\""));
            throw new TemplateException($"{Name}: missing required variable{(missing.Count > 1 ? "s" : "")} {names}");
        }

        var context = LiquidSandbox.Context(variables, _optional);
        var messages = new ChatMessage[_messages.Length];
        for (var i = 0; i < _messages.Length; i++)
        {
            messages[i] = new ChatMessage(_messages[i].Role, LiquidSandbox.Render(_messages[i].Content, context, $"{Name} message {i + 1}"));
        }

        return new RenderedPrompt(messages, RenderParameters(context));
    }

    private static PromptTemplate Compile(string name, IReadOnlyList<PromptMessage> messages, JsonObject? parameters, string[] required, string[] optional)
    {
        var compiled = messages.Select((m, i) => (Role(m.Role), LiquidSandbox.Parse(m.Content, $"{name} message {i + 1}"))).ToArray();
        var parameterTemplates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var text in StringLeaves(parameters))
        {
            if (!parameterTemplates.ContainsKey(text) && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)))
            {
                parameterTemplates[text] = LiquidSandbox.Parse(text, $"{name} parameters");
            }
        }

        return new PromptTemplate(name, compiled, parameters, parameterTemplates, required, optional);
    }

    private JsonObject? RenderParameters(TemplateContext context) =>
        _parameters is null || _parameterTemplates.Count == 0 ? _parameters : (JsonObject)RenderStrings(_parameters, context)!;

    // A copy of the parameters with every templated string rendered; the rest is copied as it is.
    private JsonNode? RenderStrings(JsonNode? node, TemplateContext context) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, RenderStrings(p.Value, context)))),
        JsonArray array => new JsonArray([.. array.Select(item => RenderStrings(item, context))]),
        JsonValue when JsonKinds.IsString(node) && _parameterTemplates.TryGetValue(node.GetValue<string>(), out var template) =>
            JsonValue.Create(LiquidSandbox.Render(template, context, $"{Name} parameters")),
        _ => node?.DeepClone(),
    };

    private static IEnumerable<string> StringLeaves(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => StringLeaves(p.Value)),
        JsonArray array => array.SelectMany(StringLeaves),
        JsonValue when JsonKinds.IsString(node) => [node.GetValue<string>()],
        _ => [],
    };

    private static string Role(MessageRole role) => role switch
    {
        MessageRole.System => "system",
        MessageRole.Assistant => "assistant",
        _ => "user",
    };
}
