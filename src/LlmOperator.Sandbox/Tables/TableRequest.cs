using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tables.Printers;

namespace LlmOperator.Sandbox.Tables;

/// <summary>
/// What to render as a <c>meta.k8s.io</c> Table: the objects of one kind and the list metadata to carry.
/// Build it with <see cref="ForList"/> or <see cref="ForObject"/> and adjust with <c>with</c>.
/// </summary>
internal sealed record TableRequest
{
    /// <summary>The API group of the objects ("" for core), for example <c>apps</c>.</summary>
    public required string Group { get; init; }

    /// <summary>The kind of the objects, for example <c>Deployment</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The objects, as served (after conversion to the requested version), in row order.</summary>
    public required IReadOnlyList<JsonObject> Objects { get; init; }

    /// <summary>
    /// For a kind served from a CRD: the served version's <c>additionalPrinterColumns</c>, an empty array
    /// when it has none (the table then shows NAME and AGE). Null for built-in kinds.
    /// </summary>
    public JsonArray? AdditionalPrinterColumns { get; init; }

    /// <summary>The table's <c>metadata.resourceVersion</c>: the list's, or the object's for a single object.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The list's <c>continue</c> token, when a paged list has more.</summary>
    public string? Continue { get; init; }

    /// <summary>The list's <c>remainingItemCount</c>, when known.</summary>
    public long? RemainingItemCount { get; init; }

    /// <summary>What each row's <c>object</c> holds (the <c>includeObject</c> parameter).</summary>
    public IncludeObjectPolicy IncludeObject { get; init; } = IncludeObjectPolicy.Metadata;

    /// <summary>
    /// Whether to send <c>columnDefinitions</c>. A watch sends them with the first event only; later
    /// events carry <c>"columnDefinitions": null</c>.
    /// </summary>
    public bool IncludeColumnDefinitions { get; init; } = true;

    /// <summary>The Table's apiVersion as negotiated: <c>meta.k8s.io/v1</c> or <c>meta.k8s.io/v1beta1</c>.</summary>
    public string ApiVersion { get; init; } = "meta.k8s.io/v1";

    /// <summary>A table of a list response.</summary>
    public static TableRequest ForList(
        string group,
        string kind,
        IReadOnlyList<JsonObject> items,
        string? resourceVersion,
        string? continueToken = null,
        long? remainingItemCount = null) =>
        new()
        {
            Group = group,
            Kind = kind,
            Objects = items,
            ResourceVersion = resourceVersion,
            Continue = continueToken,
            RemainingItemCount = remainingItemCount,
        };

    /// <summary>A table of one object (a GET or a watch event), carrying the object's resourceVersion as the real server does.</summary>
    public static TableRequest ForObject(string group, string kind, JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new() { Group = group, Kind = kind, Objects = [item], ResourceVersion = item.Text("metadata", "resourceVersion") };
    }
}
