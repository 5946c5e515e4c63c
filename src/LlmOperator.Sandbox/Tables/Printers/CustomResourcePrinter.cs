using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Sandbox.Tables.JsonPaths;

namespace LlmOperator.Sandbox.Tables.Printers;

/// <summary>
/// Objects served from a CRD: NAME, then the version's <c>additionalPrinterColumns</c> (or AGE when it
/// has none), each cell found with its JSONPath, as apiextensions-apiserver's table convertor does.
/// </summary>
internal sealed class CustomResourcePrinter : ITablePrinter
{
    private static readonly JsonObject DefaultColumn = new()
    {
        ["name"] = "Age",
        ["type"] = "date",
        ["description"] = TableColumn.CreationTimestampDescription,
        ["jsonPath"] = ".metadata.creationTimestamp",
    };

    private readonly List<(TableColumn Column, JsonPath Path)> _columns = [];

    /// <summary>Reads the columns of a CRD version (its <c>additionalPrinterColumns</c> array).</summary>
    public CustomResourcePrinter(JsonArray additionalPrinterColumns)
    {
        IEnumerable<JsonNode?> definitions = additionalPrinterColumns.Count > 0 ? additionalPrinterColumns : [DefaultColumn];
        foreach (var definition in definitions)
        {
            var jsonPath = definition.Text("jsonPath");

            // The API server keeps the columns before one it cannot parse and drops the rest.
            if (!JsonPath.TryParse(jsonPath, out var path))
            {
                break;
            }

            var description = ObjectFields.FirstNonEmpty(definition.Text("description"), $"Custom resource definition column (in JSONPath format): {jsonPath}");
            var column = new TableColumn(
                definition.Text("name"), definition.Text("type"), description, (int)definition.Integer("priority"), definition.Text("format"));
            _columns.Add((column, path));
        }

        Columns = [TableColumn.ObjectName, .. _columns.Select(c => c.Column)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <inheritdoc/>
    public PrintedRow Print(JsonObject item, DateTimeOffset now) =>
        new([item.Name(), .. _columns.Select(c => Cell(c.Column.Type, c.Path.Evaluate(item), now))]);

    private static JsonNode? Cell(string type, JsonPathResult found, DateTimeOffset now)
    {
        // Only the first result counts: the convertor assumes simple paths.
        if (!found.Succeeded || found.Values.Count == 0)
        {
            return null;
        }

        var value = found.Values[0];
        if (type == "string")
        {
            // The convertor re-wraps the value it found, which turns a JSON null into Go's "<no value>".
            return value is null ? "<no value>" : JsonPathText.FormatValue(value);
        }

        return (type, GoValues.KindOf(value)) switch
        {
            ("integer", GoKind.Int) => GoValues.IntValue(value),
            ("integer", GoKind.Float) => (long)JsonKinds.ToDouble(value!),
            ("number", GoKind.Int or GoKind.Float) => JsonKinds.ToDouble(value!),
            ("boolean", GoKind.Bool) => value!.GetValue<bool>(),
            ("date", GoKind.String) => KubeTime.TryParse(value!.GetValue<string>(), out var time) ? HumanDuration.Since(time, now) : "<invalid>",
            _ => null,
        };
    }
}
