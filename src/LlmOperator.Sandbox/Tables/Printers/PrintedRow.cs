using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// The cells a printer made for one object, one per column, and the row condition it sets (only pods
/// that ran to completion have one).
/// </summary>
/// <param name="Cells">A string, integer, number, boolean or null per column.</param>
/// <param name="Completed">The <c>Completed</c> row condition, when the object has run to completion.</param>
internal sealed record PrintedRow(IReadOnlyList<JsonNode?> Cells, CompletedCondition? Completed = null);

/// <summary>The <c>Completed</c> condition of a table row, which kubectl uses to grey out finished pods.</summary>
/// <param name="Reason">Why the object completed, for example <c>Succeeded</c>.</param>
/// <param name="Message">A sentence for people.</param>
internal sealed record CompletedCondition(string Reason, string Message)
{
    /// <summary>The condition as JSON (<c>meta.k8s.io/v1 TableRowCondition</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["type"] = "Completed",
        ["status"] = "True",
        ["reason"] = Reason,
        ["message"] = Message,
    };
}
