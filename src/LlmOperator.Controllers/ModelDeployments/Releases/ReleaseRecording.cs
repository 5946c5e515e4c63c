namespace LlmOperator.Controllers.ModelDeployments.Releases;

/// <summary>A release to keep: the revision, and per gate the run whose per-case results released it.</summary>
/// <param name="Revision">The revision released.</param>
/// <param name="Runs">The run of each gate, by gate.</param>
internal sealed record ReleaseRecording(string Revision, IReadOnlyDictionary<string, string> Runs);
