using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// Kinds the API server has no printer for (Role, ClusterRole, CustomResourceDefinition, ...): NAME and
/// CREATED AT, a date column holding the creation time itself (the apiserver's default table convertor).
/// </summary>
internal sealed class DefaultTablePrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Created At", "date", TableColumn.CreationTimestampDescription),
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now) =>
        new([item.Name(), KubeTime.FormatRfc3339(item.Time("metadata", "creationTimestamp"))]);
}
