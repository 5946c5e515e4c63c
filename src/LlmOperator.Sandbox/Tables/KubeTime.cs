using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Tables;

/// <summary>
/// Timestamps as <c>metav1.Time</c> reads and writes them: RFC 3339 with an optional fraction, where a
/// missing, empty or <c>"null"</c> value is the zero time rather than an error. Go's zero time is null.
/// </summary>
internal static partial class KubeTime
{
    /// <summary>
    /// Parses a timestamp as <c>metav1.Time.UnmarshalQueryParameter</c> does: <c>""</c> and <c>"null"</c>
    /// give the zero time, which is null here (as is 0001-01-01T00:00:00Z); anything that is not RFC 3339 fails.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset? time)
    {
        time = null;
        if (text.Length == 0 || text == "null")
        {
            return true;
        }

        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            var offset = match.Groups["zulu"].Success
                ? TimeSpan.Zero
                : (match.Groups["sign"].Value == "-" ? -1 : 1) * new TimeSpan(Number(match, "oh"), Number(match, "om"), 0);
            var fraction = match.Groups["fraction"].Value.PadRight(7, '0')[..7];
            time = new DateTimeOffset(
                    Number(match, "y"), Number(match, "mo"), Number(match, "d"),
                    Number(match, "h"), Number(match, "mi"), Number(match, "s"),
                    offset)
                .AddTicks(int.Parse(fraction, CultureInfo.InvariantCulture));
            time = time.Value.UtcTicks == DateTimeOffset.MinValue.UtcTicks ? null : time;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A timestamp field of a stored object; a missing or unreadable value is the zero time (null).</summary>
    public static DateTimeOffset? Read(JsonNode? node) =>
        JsonKinds.IsString(node) && TryParse(node!.GetValue<string>(), out var time) ? time : null;

    /// <summary>RFC 3339 in UTC to the second, as Go's <c>Time.UTC().Format(time.RFC3339)</c> writes it.</summary>
    public static string FormatRfc3339(DateTimeOffset? time) =>
        (time ?? DateTimeOffset.MinValue).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})T(?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(\.(?<fraction>[0-9]{1,9}))?"
            + @"((?<zulu>Z)|(?<sign>[+-])(?<oh>[0-9]{2}):(?<om>[0-9]{2}))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
