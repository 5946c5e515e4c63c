using System.Text;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Prometheus names for OpenTelemetry instruments and attributes, by the rules of OpenTelemetry's Prometheus exporter, which served
/// /metrics before: dots and other characters a name cannot hold become underscores, the unit follows the name (s as _seconds; an
/// annotation such as {request} adds nothing), and a counter's name ends in _total. So llmop.api.requests ({request}) is
/// llmop_api_requests_total and llmop.reconcile.duration (s) is llmop_reconcile_duration_seconds.
/// </summary>
internal static class PrometheusNames
{
    // UCUM units as Prometheus spells them out.
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["%"] = "percent",
        ["Hz"] = "hertz",
    };

    /// <summary>The name of the metric family of instrument <paramref name="name"/> with <paramref name="unit"/>.</summary>
    public static string Metric(string name, string? unit, bool counter)
    {
        var metric = Sanitize(name);
        var suffix = Unit(unit);
        var hasUnit = metric.EndsWith(suffix, StringComparison.Ordinal) || (counter && metric.EndsWith(suffix + "_total", StringComparison.Ordinal));
        if (suffix.Length > 0 && !hasUnit)
        {
            metric += "_" + suffix;
        }

        return counter && !metric.EndsWith("_total", StringComparison.Ordinal) ? metric + "_total" : metric;
    }

    /// <summary>The label for attribute <paramref name="key"/> (k8s.namespace.name is k8s_namespace_name).</summary>
    public static string Label(string key) => Sanitize(key);

    // A unit's annotations ({request}) and the dimensionless 1 add nothing; a rate (By/s) reads bytes_per_second.
    private static string Unit(string? unit)
    {
        var bare = new StringBuilder();
        var depth = 0;
        foreach (var c in unit ?? "")
        {
            depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
            if (depth == 0 && c != '}')
            {
                bare.Append(c);
            }
        }

        var parts = bare.ToString().Split('/', 2);
        var spelled = parts.Select(p => p is "1" ? "" : Units.GetValueOrDefault(p, p)).ToArray();
        var text = spelled.Length == 2 && spelled[1].Length > 0
            ? $"{spelled[0]}_per_{spelled[1].TrimEnd('s')}"
            : spelled[0];
        return text.Length == 0 ? "" : Sanitize(text);
    }

    // [a-zA-Z_][a-zA-Z0-9_]*, with each run of other characters one underscore.
    private static string Sanitize(string text)
    {
        var name = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_';
            if (valid || (name.Length > 0 && name[^1] != '_'))
            {
                name.Append(valid ? c : '_');
            }
        }

        var sanitized = name.ToString().TrimEnd('_');
        return sanitized.Length == 0 || char.IsAsciiDigit(sanitized[0]) ? "_" + sanitized : sanitized;
    }
}
