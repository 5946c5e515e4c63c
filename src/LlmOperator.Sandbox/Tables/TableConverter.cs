using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tables.Printers;

namespace LlmOperator.Sandbox.Tables;

/// <summary>
/// Renders objects as the <c>meta.k8s.io</c> Table that <c>kubectl get</c> asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>: the columns and cells the real API
/// server produces for the kind, ages as of the time provider's now.
/// </summary>
/// <param name="timeProvider">The clock ages are measured against.</param>
internal sealed class TableConverter(TimeProvider timeProvider)
{
    /// <summary>The Table as JSON, ready to serialize.</summary>
    public JsonObject Convert(TableRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = timeProvider.GetUtcNow();
        var printer = TablePrinters.For(request.Group, request.Kind, request.AdditionalPrinterColumns);
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = request.ApiVersion,
            ["metadata"] = ListMetadata(request),
            ["columnDefinitions"] = request.IncludeColumnDefinitions ? new JsonArray([.. printer.Columns.Select(c => c.ToJson())]) : null,
            ["rows"] = new JsonArray([.. request.Objects.Select(item => Row(printer.Print(item, now), item, request))]),
        };
    }

    private static JsonObject ListMetadata(TableRequest request)
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(request.ResourceVersion))
        {
            metadata["resourceVersion"] = request.ResourceVersion;
        }

        if (!string.IsNullOrEmpty(request.Continue))
        {
            metadata["continue"] = request.Continue;
        }

        if (request.RemainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        return metadata;
    }

    private static JsonObject Row(PrintedRow printed, JsonObject item, TableRequest request)
    {
        var row = new JsonObject { ["cells"] = new JsonArray([.. printed.Cells]) };
        if (printed.Completed is { } completed)
        {
            row["conditions"] = new JsonArray(completed.ToJson());
        }

        row["object"] = request.IncludeObject switch
        {
            IncludeObjectPolicy.Object => item.DeepClone(),
            IncludeObjectPolicy.None => null,
            _ => new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = request.ApiVersion,
                ["metadata"] = item["metadata"]?.DeepClone() ?? new JsonObject(),
            },
        };
        return row;
    }
}
