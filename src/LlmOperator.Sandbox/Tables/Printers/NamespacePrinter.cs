using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Namespaces: NAME STATUS AGE.</summary>
internal sealed class NamespacePrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Status", "string", "The status of the namespace"),
        TableColumn.Age,
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now)
    {
        // The API server sets the phase: Active on create, Terminating once deletion starts.
        var phase = ObjectFields.FirstNonEmpty(item.Text("status", "phase"), item.Has("metadata", "deletionTimestamp") ? "Terminating" : "Active");
        return new([item.Name(), phase, item.Age(now)]);
    }
}
