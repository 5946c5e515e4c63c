using System.Collections.Concurrent;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Running;
using LlmOperator.Pipelines.Components;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Pipelines;

/// <summary>
/// The prompts of a pipeline under evaluation, from the run's sources: the version a run pins for a
/// prompt (a candidate's), else the active one, else (in files) the highest. Compiled once per run.
/// </summary>
public sealed class SourcePrompts(IPlanSources sources, IReadOnlyDictionary<string, int> pinned) : IPromptSource
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PromptTemplate?>>> _templates = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<PromptTemplate?> GetAsync(string promptName, CancellationToken cancellationToken) =>
        await _templates.GetOrAdd(promptName, name => new Lazy<Task<PromptTemplate?>>(() => LoadAsync(name))).Value.ConfigureAwait(false);

    // Shared by every case, so no one case's cancellation ends it.
    private async Task<PromptTemplate?> LoadAsync(string name)
    {
        var cancellationToken = CancellationToken.None;
        var versions = (await sources.ListPromptVersionsAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Spec.PromptName == name).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        // In a cluster the version that serves says Active; files have no status, and their highest version is the one meant.
        var version = pinned.TryGetValue(name, out var wanted) ? wanted
            : versions.Where(p => p.Status?.Phase == PromptPhase.Active).Select(p => (int?)p.Spec.Version).Max() ?? versions.Max(p => p.Spec.Version);
        var chosen = PromptVersionPrecedence.Original(versions.Where(p => p.Spec.Version == version));
        return chosen is null ? null : PromptTemplate.FromPromptVersion(chosen.Spec);
    }
}
