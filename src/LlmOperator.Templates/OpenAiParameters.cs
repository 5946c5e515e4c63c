using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Templates;

/// <summary>Maps a PromptVersion's parameters to the fields of an OpenAI chat completion request.</summary>
public static class OpenAiParameters
{
    /// <summary>The request fields, or null when there are none.</summary>
    public static JsonObject? From(PromptParameters? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        var fields = new JsonObject();
        Set(fields, "temperature", parameters.Temperature);
        Set(fields, "top_p", parameters.TopP);
        Set(fields, "max_tokens", parameters.MaxTokens);
        Set(fields, "seed", parameters.Seed);
        if (parameters.Stop is { Count: > 0 } stop)
        {
            fields["stop"] = new JsonArray([.. stop.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        if (parameters.ResponseFormat is { } format)
        {
            fields["response_format"] = format.DeepClone();
        }

        if (parameters.Tools is { Count: > 0 } tools)
        {
            fields["tools"] = new JsonArray([.. tools.Select(t => t.DeepClone())]);
        }

        if (parameters.ToolChoice is { } choice)
        {
            fields["tool_choice"] = choice.DeepClone();
        }

        return fields.Count == 0 ? null : fields;
    }

    /// <summary>
    /// The fields of <paramref name="baseFields"/> with those of <paramref name="overrides"/> replacing them one by one (a
    /// case's own parameters over its prompt's), or null when neither has any.
    /// </summary>
    public static JsonObject? Merge(JsonObject? baseFields, JsonObject? overrides)
    {
        if (overrides is null)
        {
            return baseFields;
        }

        var merged = baseFields?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in overrides)
        {
            merged[name] = value?.DeepClone();
        }

        return merged;
    }

    private static void Set<T>(JsonObject fields, string name, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            fields[name] = JsonValue.Create(v);
        }
    }
}
