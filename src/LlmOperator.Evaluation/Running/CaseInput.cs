using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>
/// What a case asked an endpoint, as a person reading the results wants it beside the answers: the last user
/// message of the prompt sent (rendered from that endpoint's prompt version, if any), else the case's own last
/// user message, else its template variables one per line.
/// </summary>
internal static class CaseInput
{
    /// <summary>The input of <paramref name="evaluationCase"/> as <paramref name="sent"/>, or null when there is nothing to show.</summary>
    public static string? Of(EvaluationCase evaluationCase, RenderedPrompt? sent)
    {
        if (sent?.Messages.LastOrDefault(m => m.Role == "user") is { } rendered)
        {
            return rendered.Content;
        }

        if (evaluationCase.Messages?.LastOrDefault(m => m.Role == MessageRole.User) is { } asked)
        {
            return asked.Content;
        }

        return evaluationCase.Vars is { Count: > 0 } vars ? string.Join('\n', vars.Select(v => $"{v.Key}: {Text(v.Value)}")) : null;
    }

    private static string? Text(JsonNode? value) => value is JsonValue scalar && scalar.TryGetValue(out string? text) ? text : value?.ToJsonString();
}
