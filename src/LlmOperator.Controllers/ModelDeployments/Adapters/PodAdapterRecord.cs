using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// What a pod has in one adapter slot, as the operator recorded it in the pod's annotation after calling the
/// engine: the revision loaded, the server container's restart count then (a restarted container has lost
/// what it loaded), the version its adapter loader is fetching, and the last failure to load or unload, which paces the next attempt.
/// </summary>
internal sealed record PodAdapterRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The revision loaded in the slot, or null when nothing is.</summary>
    public string? Revision { get; init; }

    /// <summary>The server container's restart count when the record was written.</summary>
    public int Restarts { get; init; }

    /// <summary>The version the pod's adapter loader is fetching for the slot, until it has it or fails.</summary>
    public AdapterFetching? Fetching { get; init; }

    /// <summary>The last call that failed, until one succeeds.</summary>
    public AdapterCallFailure? Failed { get; init; }

    /// <summary>The annotation value.</summary>
    public string Format() => JsonSerializer.Serialize(this, Json);

    /// <summary>The record an annotation value holds, or null when it holds none (written by hand, say): the slot then counts as empty.</summary>
    public static PodAdapterRecord? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PodAdapterRecord>(value, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
