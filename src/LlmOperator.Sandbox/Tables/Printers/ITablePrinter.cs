using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>Turns objects of one kind into table rows, with the columns the real API server uses for that kind.</summary>
internal interface ITablePrinter
{
    /// <summary>The columns, including the wide ones (the server always sends them; kubectl hides priority above 0).</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The cells of one object, as seen at <paramref name="now"/> (ages are relative to it).</summary>
    PrintedRow Print(JsonObject item, DateTimeOffset now);
}
