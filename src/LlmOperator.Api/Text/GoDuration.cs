using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmOperator.Api.Text;

/// <summary>Durations in Go's notation as the API writes them: 500ms, 30s, 5m, 1h30m.</summary>
public static partial class GoDuration
{
    /// <summary>Parses a duration; throws <see cref="FormatException"/> naming the text when it is not one.</summary>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = Part().Matches(text);
        if (parts.Count == 0 || parts.Sum(p => p.Length) != text.Length)
        {
            throw new FormatException($"\"{text}\" is not a duration like 30s, 5m or 1h30m");
        }

        var total = TimeSpan.Zero;
        foreach (Match part in parts)
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return total;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
