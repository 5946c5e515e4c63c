using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;
using LlmOperator.Sandbox.Tables;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// Answers requests that ask for a Table (kubectl get): which Table version, what each row carries
/// (includeObject), and the printer columns of the kind.
/// </summary>
internal sealed class TableNegotiation(TableConverter converter)
{
    /// <summary>The Table of one object.</summary>
    public JsonObject ForObject(ApiRequest request, StoredObject obj, bool includeColumnDefinitions = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(obj);
        return converter.Convert(Shape(request, TableRequest.ForObject(request.Type.Group, request.Type.Kind, Versioned(request.Type, obj))) with
        {
            IncludeColumnDefinitions = includeColumnDefinitions,
        });
    }

    /// <summary>The Table of a page of a list.</summary>
    public JsonObject ForList(ApiRequest request, ListPage page)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(page);
        var items = page.Items.Select(i => Versioned(request.Type, i)).ToList();
        return converter.Convert(Shape(request, TableRequest.ForList(request.Type.Group, request.Type.Kind, items,
            page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Continue, page.RemainingItemCount)));
    }

    /// <summary>A watch formatter that sends Table rows, with column definitions on the first event only.</summary>
    public IWatchEventFormatter ForWatch(ApiRequest request) => new TableWatchFormatter(this, request);

    private static TableRequest Shape(ApiRequest request, TableRequest table)
    {
        // The first Table media type the client accepts decides the version (kubectl lists v1, then v1beta1).
        var preferred = request.Http.Request.Headers.Accept.ToString().Split(',')
            .Select(range => range.Split(';', StringSplitOptions.TrimEntries))
            .FirstOrDefault(parameters => parameters.Contains("as=Table"));
        var version = preferred?.FirstOrDefault(p => p.StartsWith("v=", StringComparison.Ordinal)) == "v=v1beta1" ? "meta.k8s.io/v1beta1" : "meta.k8s.io/v1";
        var include = request.Query("includeObject") switch
        {
            null or "" => IncludeObjectPolicy.Metadata,
            var text when Enum.TryParse<IncludeObjectPolicy>(text, out var policy) => policy,
            var text => throw Statuses.BadRequest($"unrecognized includeObject value: \"{text}\""),
        };
        return table with
        {
            ApiVersion = version,
            IncludeObject = include,
            AdditionalPrinterColumns = request.Type.IsCustom ? request.Type.PrinterColumns ?? [] : null,
        };
    }

    private static JsonObject Versioned(ResourceType type, StoredObject obj)
    {
        var json = obj.ToJsonObject();
        json["apiVersion"] = type.ApiVersion;
        return json;
    }

    private sealed class TableWatchFormatter(TableNegotiation tables, ApiRequest request) : IWatchEventFormatter
    {
        private int _sent;

        public byte[] Format(ResourceType type, StoredObject obj) =>
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                tables.ForObject(request, obj, includeColumnDefinitions: Interlocked.Increment(ref _sent) == 1));
    }
}
