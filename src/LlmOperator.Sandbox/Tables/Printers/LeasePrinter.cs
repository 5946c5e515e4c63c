using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Leases: NAME HOLDER AGE.</summary>
internal sealed class LeasePrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Holder", "string",
            "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is "
                + "used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field."),
        TableColumn.Age,
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now) => new([item.Name(), item.Text("spec", "holderIdentity"), item.Age(now)]);
}
