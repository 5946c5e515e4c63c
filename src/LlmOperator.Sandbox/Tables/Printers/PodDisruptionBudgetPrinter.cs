using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>PodDisruptionBudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE, N/A for a bound that is not set.</summary>
internal sealed class PodDisruptionBudgetPrinter : ITablePrinter
{
    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.ObjectName,
        new("Min Available", "string", "The minimum number or percentage of available pods this budget requires."),
        new("Max Unavailable", "string", "The maximum number or percentage of unavailable pods this budget requires."),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        TableColumn.Age,
    ];

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now) =>
        new([item.Name(), Bound(item, "minAvailable"), Bound(item, "maxUnavailable"), item.Integer("status", "disruptionsAllowed"), item.Age(now)]);

    // An IntOrString: its number or its percentage, as Go's String() writes it.
    private static string Bound(JsonObject item, string field) => item.At("spec", field) is { } value
        ? value.ToString()
        : "N/A";
}
