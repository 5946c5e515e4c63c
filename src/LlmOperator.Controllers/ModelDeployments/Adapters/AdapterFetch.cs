namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>What a pod's adapter loader is asked to fetch for a version: its source and revision, as the spec names them.</summary>
/// <param name="Source">The https:// archive or hf://org/repo.</param>
/// <param name="Revision">The pinned revision of an hf:// source.</param>
internal sealed record AdapterFetch(string Source, string? Revision);
