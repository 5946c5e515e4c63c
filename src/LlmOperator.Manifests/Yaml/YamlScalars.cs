using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LlmOperator.Manifests.Yaml;

/// <summary>
/// How an unquoted YAML scalar becomes a JSON value. The rules are those of the YAML library kubectl
/// uses (go-yaml v2 through sigs.k8s.io/yaml), so that a manifest means here what it means to kubectl:
/// <c>yes</c> and <c>on</c> are booleans, <c>0x1F</c> and <c>017</c> are integers.
/// </summary>
internal static partial class YamlScalars
{
    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> Trues = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> Falses = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    /// <summary>The JSON value of a plain (unquoted) scalar; null for YAML null.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        if (Nulls.Contains(text))
        {
            return null;
        }

        if (Trues.Contains(text))
        {
            return JsonValue.Create(true);
        }

        if (Falses.Contains(text))
        {
            return JsonValue.Create(false);
        }

        // Numbers are held as JSON elements, as parsed JSON holds them, so that readers can take
        // them as int, long or double alike (a JsonValue built from a long refuses GetValue<int>).
        if (TryParseInteger(text, out var integer))
        {
            return JsonValue.Create(JsonSerializer.SerializeToElement(integer));
        }

        if (TryParseFloat(text, out var number))
        {
            return JsonValue.Create(JsonSerializer.SerializeToElement(number));
        }

        return JsonValue.Create(text);
    }

    /// <summary>Whether a string written plain would be read back as something other than that string.</summary>
    public static bool NeedsQuotes(string text) =>
        ResolvePlain(text) is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String
        || IsFloatSpecial(text) || text == "<<";

    private static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (plain.Length == 0)
        {
            return false;
        }

        var negative = plain[0] == '-';
        var digits = plain[0] is '-' or '+' ? plain[1..] : plain;
        if (digits.Length == 0)
        {
            return false;
        }

        var (radix, body) = digits switch
        {
            _ when digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (16, digits[2..]),
            _ when digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase) => (2, digits[2..]),
            _ when digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase) => (8, digits[2..]),
            _ when digits.Length > 1 && digits[0] == '0' => (8, digits[1..]),
            _ => (10, digits),
        };
        if (body.Length == 0 || !body.All(c => IsDigit(c, radix)))
        {
            return false;
        }

        try
        {
            var magnitude = radix == 10
                ? ulong.Parse(body, NumberStyles.None, CultureInfo.InvariantCulture)
                : Convert.ToUInt64(body, radix);
            if (negative ? magnitude > (ulong)long.MaxValue + 1 : magnitude > long.MaxValue)
            {
                return false;
            }

            value = negative ? (long)(0 - magnitude) : (long)magnitude;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool IsDigit(char c, int radix) => radix switch
    {
        2 => c is '0' or '1',
        8 => c is >= '0' and <= '7',
        10 => char.IsAsciiDigit(c),
        _ => char.IsAsciiHexDigit(c),
    };

    private static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
            case "-.inf" or "-.Inf" or "-.INF":
            case ".nan" or ".NaN" or ".NAN":
                // JSON has no infinities or NaN; sigs.k8s.io/yaml refuses them too, so they stay strings.
                return false;
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        return FloatSyntax().IsMatch(plain)
            && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool IsFloatSpecial(string text) =>
        text.TrimStart('+', '-').Equals(".inf", StringComparison.OrdinalIgnoreCase)
        || text.Equals(".nan", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatSyntax();
}
