namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>
/// Why a version could not be fetched. <see cref="Refused"/> when what the source holds cannot be served (not
/// found, not an adapter, too large, unsafe): fetching it again gives the same; otherwise the source failed
/// (5xx, no answer) and a later attempt may succeed.
/// </summary>
internal sealed class AdapterFetchException(string message, bool refused, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Whether the content itself is refused (a later attempt gives the same).</summary>
    public bool Refused { get; } = refused;
}
