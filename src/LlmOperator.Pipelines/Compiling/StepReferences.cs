using System.Text.RegularExpressions;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>
/// Finds the steps a rule or template reads (steps.NAME) so that a step can only read the steps before
/// it: a later step has no output yet, and a misspelt name would only fail at request time.
/// </summary>
internal static partial class StepReferences
{
    /// <summary>The problems with the references in <paramref name="text"/>, none when each names an earlier step.</summary>
    public static IEnumerable<string> Check(string text, string path, IReadOnlyList<string> earlier, IReadOnlyCollection<string> all)
    {
        foreach (var name in Reference().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            if (earlier.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            yield return all.Contains(name, StringComparer.Ordinal)
                ? $"{path}: reads steps.{name}, which does not run before it"
                : $"{path}: reads steps.{name}, but no step has that name{Suggestion(name, earlier)}";
        }
    }

    private static string Suggestion(string name, IReadOnlyList<string> earlier) =>
        Api.Text.EditDistance.Suggest(name, earlier) is { } close ? $"; did you mean {close}?" : "";

    [GeneratedRegex(@"\bsteps\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();
}
