namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>What to fetch for a version: an https:// archive, or hf://org/repo at a revision.</summary>
/// <param name="Source">The adapter's source, as spec.adapters[].source says.</param>
/// <param name="Revision">The revision of an hf:// source (a commit, branch or tag).</param>
internal sealed record AdapterFetchRequest(string Source, string? Revision);
