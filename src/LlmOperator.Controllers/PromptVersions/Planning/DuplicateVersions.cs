using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// Objects that give a prompt a version another object already gives it: the one that counts is the
/// one created first (see <see cref="PromptVersionPrecedence"/>); each other is a duplicate of it.
/// Deleting the original lets the next one count, so nothing is lost.
/// </summary>
internal static class DuplicateVersions
{
    /// <summary>Each duplicate with the original it duplicates.</summary>
    public static IReadOnlyList<(VersionState Duplicate, VersionState Original)> Find(IEnumerable<VersionState> versions)
    {
        var duplicates = new List<(VersionState, VersionState)>();
        foreach (var group in versions.GroupBy(v => v.Version).Where(g => g.Count() > 1))
        {
            var ordered = PromptVersionPrecedence.Order(group.Select(v => v.Object)).Select(o => group.First(v => ReferenceEquals(v.Object, o))).ToList();
            duplicates.AddRange(ordered.Skip(1).Select(d => (d, ordered[0])));
        }

        return duplicates;
    }
}
