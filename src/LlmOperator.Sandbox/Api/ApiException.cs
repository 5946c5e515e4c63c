using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Api;

/// <summary>A request the API refuses; carries the Status object the client receives.</summary>
internal sealed class ApiException(JsonObject status) : Exception(status["message"]?.ToString())
{
    /// <summary>The Status object.</summary>
    public JsonObject Status { get; } = status;

    /// <summary>The HTTP status code.</summary>
    public int Code => Status["code"]!.GetValue<int>();
}
