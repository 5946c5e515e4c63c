using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// Whether mock-llm answers a request with a function call, deterministically: the input's call from the answer book when
/// the request offers that tool (and tool_choice allows it); otherwise, when tool_choice forces a call (required, or a
/// named function), a call of that function (or the first offered) with {} as arguments; otherwise text.
/// </summary>
internal static class MockToolChoice
{
    /// <summary>The call to answer with, or null for a text answer.</summary>
    public static MockToolCall? Choose(JsonObject request, MockToolCall? known)
    {
        ArgumentNullException.ThrowIfNull(request);
        var offered = request["tools"] is JsonArray tools
            ? tools.Select(t => t?["function"]?["name"]).Where(JsonKinds.IsString).Select(n => n!.GetValue<string>()).ToList()
            : [];
        var choice = request["tool_choice"];
        if (offered.Count == 0 || (JsonKinds.IsString(choice) && choice!.GetValue<string>() == "none"))
        {
            return null;
        }

        var named = choice is JsonObject ? choice["function"]?["name"] : null;
        var forcedName = JsonKinds.IsString(named) ? named!.GetValue<string>() : null;
        var forced = forcedName is not null || (JsonKinds.IsString(choice) && choice!.GetValue<string>() == "required");
        if (known is not null && offered.Contains(known.Name) && (forcedName is null || forcedName == known.Name))
        {
            return known;
        }

        return forced ? new MockToolCall(forcedName ?? offered[0], "{}") : null;
    }
}
