using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmOperator.Pipelines.Execution;

/// <summary>Reads a judge's pick: the first whole number in its answer, counted from 1.</summary>
internal static partial class JudgeChoice
{
    /// <summary>The index (from 0) of the answer picked, or null when the judge names none of 1..<paramref name="count"/>.</summary>
    public static int? Pick(string judgement, int count)
    {
        var match = Number().Match(judgement);
        return match.Success && int.TryParse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= count
            ? number - 1
            : null;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
