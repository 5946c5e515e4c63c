using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>ConfigMaps: NAME DATA AGE, where DATA counts the keys of data and binaryData.</summary>
internal sealed class ConfigMapPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Data", "string",
            "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. "
                + "Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must "
                + "not overlap with the keys in the BinaryData field, this is enforced during validation process."),
        TableColumn.Age,
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now) =>
        new([item.Name(), (long)(item.Count("data") + item.Count("binaryData")), item.Age(now)]);
}
