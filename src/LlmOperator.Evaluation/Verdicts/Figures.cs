using System.Globalization;
using LlmOperator.Evaluation.Statistics;

namespace LlmOperator.Evaluation.Verdicts;

/// <summary>How verdict sentences print numbers.</summary>
internal static class Figures
{
    /// <summary>A share as a percentage with one decimal: 0.9234 gives 92.3%.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A change of a share in percentage points, signed: -0.2 gives -20.0 points.</summary>
    public static string Points(double delta) => (delta * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " points";

    /// <summary>An interval of shares: 88.1%–94.6%.</summary>
    public static string Percents(Interval interval) => $"{Percent(interval.Lower)}–{Percent(interval.Upper)}";

    /// <summary>An interval of changes in points.</summary>
    public static string PointsRange(Interval interval) =>
        $"{(interval.Lower * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} to " +
        $"{(interval.Upper * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)} points";

    /// <summary>A score with three decimals.</summary>
    public static string Score(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A p-value: four significant digits, or "&lt; 0.0001".</summary>
    public static string PValue(double p) => p < 0.0001 ? "< 0.0001" : "= " + p.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A confidence level: 95%.</summary>
    public static string Confidence(double confidence) => (confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A count with its noun: 1 case, 2 cases.</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>Milliseconds without decimals.</summary>
    public static string Milliseconds(double ms) => ms.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A value rounded for a status field.</summary>
    public static double Round(double value, int digits = 4) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
