using System.Globalization;

namespace LlmOperator.Sandbox.Tables;

/// <summary>
/// Ages and durations as the API server prints them in tables (k8s.io/apimachinery
/// <c>util/duration.HumanDuration</c>): two or three significant figures, coarser as the span grows.
/// </summary>
public static class HumanDuration
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const long TicksPerHour = TimeSpan.TicksPerHour;

    /// <summary>Formats a span: <c>59s</c>, <c>2m59s</c>, <c>3h5m</c>, <c>7d23h</c>, <c>2y30d</c>, <c>12y</c>.</summary>
    public static string Format(TimeSpan span)
    {
        // Division of ticks truncates toward zero, as Go's int(d.Seconds()) does.
        var seconds = span.Ticks / TicksPerSecond;

        // Up to a second in the future is tolerated as clock skew between machines.
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Text($"{seconds}s");
        }

        var minutes = span.Ticks / TicksPerMinute;
        if (minutes < 10)
        {
            return WithRemainder(minutes, "m", seconds % 60, "s");
        }

        if (minutes < 60 * 3)
        {
            return Text($"{minutes}m");
        }

        var hours = span.Ticks / TicksPerHour;
        if (hours < 8)
        {
            return WithRemainder(hours, "h", minutes % 60, "m");
        }

        if (hours < 48)
        {
            return Text($"{hours}h");
        }

        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return WithRemainder(days, "d", hours % 24, "h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Text($"{days}d");
        }

        var years = days / 365;
        return hours < 24 * 365 * 8 ? WithRemainder(years, "y", days % 365, "d") : Text($"{years}y");
    }

    /// <summary>
    /// The age of something that happened at <paramref name="timestamp"/>, seen at <paramref name="now"/>;
    /// <c>&lt;unknown&gt;</c> for a missing (Go's zero) time, as <c>ConvertToHumanReadableDateType</c> prints it.
    /// </summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is null ? "<unknown>" : Format(now - timestamp.Value);

    private static string WithRemainder(long whole, string unit, long remainder, string remainderUnit) =>
        remainder == 0 ? Text($"{whole}{unit}") : Text($"{whole}{unit}{remainder}{remainderUnit}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
