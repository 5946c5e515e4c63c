namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>Where a version stands on the loader: on disk at <see cref="Path"/>, being fetched, or failed with <see cref="Error"/>.</summary>
/// <param name="Path">The version's directory, once it is on disk.</param>
/// <param name="Error">Why the last fetch failed, when it did.</param>
/// <param name="Refused">Whether that failure is a refusal of the content (fetching again gives the same).</param>
internal sealed record AdapterVersionState(string? Path, string? Error, bool Refused)
{
    /// <summary>Being fetched.</summary>
    public static AdapterVersionState Fetching { get; } = new(null, null, false);
}
