using System.Globalization;

namespace LlmOperator.Evaluation.Live;

/// <summary>How a measured value reads in a status and a message: a number as Prometheus writes it, a list in brackets.</summary>
internal static class MeasuredValue
{
    /// <summary>How many values of a range query a message lists before it says how many more there are.</summary>
    public const int MaxListed = 10;

    /// <summary>The value as text: 0.42, NaN, +Inf, [0.4, 0.5], null.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        double number => Number(number),
        IEnumerable<object?> list => List([.. list]),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A number as Prometheus writes it.</summary>
    public static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("G6", CultureInfo.InvariantCulture),
    };

    private static string List(List<object?> values)
    {
        var listed = string.Join(", ", values.Take(MaxListed).Select(Format));
        return values.Count <= MaxListed ? $"[{listed}]" : $"[{listed}, and {values.Count - MaxListed} more]";
    }
}
