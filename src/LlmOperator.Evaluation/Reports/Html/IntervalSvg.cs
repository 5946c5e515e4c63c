using System.Globalization;
using System.Text;

namespace LlmOperator.Evaluation.Reports.Html;

/// <summary>
/// A small inline SVG of an estimate with its confidence interval on a horizontal scale, and a
/// reference line (zero for a change, the baseline for a rate), so that "does the interval cross the
/// line" is seen at a glance. The figures are always printed beside it as text.
/// </summary>
public static class IntervalSvg
{
    private const double Width = 160;
    private const double Height = 22;
    private const double Margin = 6;

    /// <summary>The chart, or an empty string when there is no estimate; <paramref name="label"/> is what a screen reader says.</summary>
    public static string Render(double? point, double? lower, double? upper, double min, double max, double? reference, string label)
    {
        if (point is not { } value || max <= min)
        {
            return "";
        }

        double X(double v) => Margin + ((Math.Clamp(v, min, max) - min) / (max - min) * (Width - (2 * Margin)));
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"interval\" role=\"img\" aria-label=\"{HtmlPage.Encode(label)}\" width=\"{Width}\" height=\"{Height}\" "))
            .Append(Invariant($"viewBox=\"0 0 {Width} {Height}\"><title>{HtmlPage.Encode(label)}</title>"))
            .Append(Invariant($"<line x1=\"{Margin}\" y1=\"{Height / 2}\" x2=\"{Width - Margin}\" y2=\"{Height / 2}\" stroke=\"#c9d1d9\"/>"));
        if (reference is { } line)
        {
            svg.Append(Invariant($"<line x1=\"{X(line):0.#}\" y1=\"2\" x2=\"{X(line):0.#}\" y2=\"{Height - 2}\" "))
                .Append("stroke=\"#4a525c\" stroke-dasharray=\"2 2\"/>");
        }

        if (lower is { } low && upper is { } high)
        {
            svg.Append(Invariant($"<rect x=\"{X(low):0.#}\" y=\"{(Height / 2) - 4}\" width=\"{Math.Max(1, X(high) - X(low)):0.#}\" height=\"8\" "))
                .Append("fill=\"#9ec5f0\" stroke=\"#0b57b0\"/>");
        }

        svg.Append(Invariant($"<circle cx=\"{X(value):0.#}\" cy=\"{Height / 2}\" r=\"4\" fill=\"#16324f\"/></svg>"));
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
