namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>A version of an adapter to load.</summary>
/// <param name="Revision">Its revision.</param>
/// <param name="Path">The lora_path the engine loads it from, unless the pod's adapter loader fetches it (then the loader says).</param>
/// <param name="Fetch">What the pod's adapter loader fetches first, or null when the engine reads <paramref name="Path"/> itself.</param>
internal sealed record AdapterLoad(string Revision, string Path, AdapterFetch? Fetch = null);
