using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// Which version of a prompt serves, as the statuses say: of the versions whose phase is Active, the
/// one activated last (a newer version breaks a tie). Two can say Active for a moment, because each
/// version's status is written by its own reconcile; every reader settles it the same way.
/// </summary>
internal static class ActivePromptVersions
{
    /// <summary>The version that serves among versions of one prompt, or null when none is Active.</summary>
    public static PromptVersion? Latest(IEnumerable<PromptVersion> versions) =>
        versions
            .Where(v => v.Metadata.DeletionTimestamp is null && v.Status?.Phase == PromptPhase.Active)
            .OrderByDescending(v => v.Status!.ActivatedAt ?? DateTime.MinValue)
            .ThenByDescending(v => v.Spec.Version)
            .FirstOrDefault();

    /// <summary>The version number that serves for each prompt (by promptName) among the versions of a namespace.</summary>
    public static IReadOnlyDictionary<string, int> ByPrompt(IEnumerable<PromptVersion> versions) =>
        versions
            .GroupBy(v => v.Spec.PromptName, StringComparer.Ordinal)
            .Select(Latest)
            .OfType<PromptVersion>()
            .ToDictionary(v => v.Spec.PromptName, v => v.Spec.Version, StringComparer.Ordinal);
}
