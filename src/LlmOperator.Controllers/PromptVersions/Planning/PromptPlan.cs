namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// What the reconcilers must do for one prompt: a plan per version, and the ConfigMap to write. Each
/// version's reconcile applies its own part only, so each status is written by one reconcile.
/// </summary>
internal sealed record PromptPlan
{
    /// <summary>The plan of every version not being deleted, by object name.</summary>
    public required IReadOnlyDictionary<string, VersionPlan> Versions { get; init; }

    /// <summary>The ConfigMap to write when it does not hold the version that serves, or null.</summary>
    public PromptPublication? Publication { get; init; }
}
