namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>What a pod's adapter loader answered for a version: where it is on disk, that it is being fetched, or why it is not there.</summary>
/// <param name="Path">The version's directory, which the engine loads, once it is on disk.</param>
/// <param name="Failure">Why the fetch failed (or the loader did not answer), when it did.</param>
internal sealed record AdapterFetchOutcome(string? Path, AdapterCallOutcome? Failure)
{
    /// <summary>Being fetched: asked again later.</summary>
    public static AdapterFetchOutcome Fetching { get; } = new(null, null);

    /// <summary>On disk at <paramref name="path"/>.</summary>
    public static AdapterFetchOutcome Fetched(string path) => new(path, null);
}
