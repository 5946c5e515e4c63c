using System.Globalization;
using System.Text;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// float64 as Go writes it, from the shortest digits that read back to the same value: <c>%v</c>
/// (<c>1e+06</c>, <c>0.5</c>) and encoding/json (<c>1000000</c>, <c>1e+21</c>, <c>1e-7</c>).
/// </summary>
internal static class GoFloat
{
    /// <summary>As <c>fmt.Print</c> writes it (<c>%v</c>, which is <c>%g</c> with the shortest digits).</summary>
    public static string FormatPrint(double value)
    {
        var (negative, digits, point) = ShortestDigits(value);
        var exponent = point - 1;
        return exponent < -4 || exponent >= 6 ? Exponential(negative, digits, point) : Fixed(negative, digits, point);
    }

    /// <summary>As Go's encoding/json writes it.</summary>
    public static string FormatJson(double value)
    {
        var (negative, digits, point) = ShortestDigits(value);
        var magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21))
        {
            // encoding/json trims a leading zero of a negative exponent: e-07 becomes e-7.
            var text = Exponential(negative, digits, point);
            return text[^4] == 'e' && text[^3] == '-' && text[^2] == '0' ? text[..^2] + text[^1] : text;
        }

        return Fixed(negative, digits, point);
    }

    /// <summary>
    /// The shortest round-trip digits of a value (no leading or trailing zeros) and the position of the
    /// decimal point: the value is 0.digits times ten to the power point.
    /// </summary>
    private static (bool Negative, string Digits, int Point) ShortestDigits(double value)
    {
        var negative = double.IsNegative(value);
        if (value == 0)
        {
            return (negative, "", 0);
        }

        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        return (negative, digits.Trim('0'), point - leadingZeros);
    }

    /// <summary>Go's <c>%e</c> with every digit: d.ddde±dd.</summary>
    private static string Exponential(bool negative, string digits, int point)
    {
        var text = new StringBuilder();
        text.Append(negative ? "-" : "").Append(digits.Length == 0 ? '0' : digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var exponent = digits.Length == 0 ? 0 : point - 1;
        return text.Append(exponent < 0 ? "e-" : "e+").Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>Go's <c>%f</c> with just the digits needed.</summary>
    private static string Fixed(bool negative, string digits, int point)
    {
        var text = new StringBuilder(negative ? "-" : "");
        if (point > 0)
        {
            text.Append(digits.Length >= point ? digits[..point] : digits.PadRight(point, '0'));
        }
        else
        {
            text.Append('0');
        }

        var fraction = digits.Length - point;
        if (fraction > 0)
        {
            text.Append('.');
            for (var i = 0; i < fraction; i++)
            {
                var index = point + i;
                text.Append(index >= 0 ? digits[index] : '0');
            }
        }

        return text.ToString();
    }
}
