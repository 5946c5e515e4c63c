using System.Text.RegularExpressions;

namespace LlmOperator.Sandbox.Schemas;

/// <summary>The resource.Quantity text form: a signed decimal with one binary, decimal or exponent suffix.</summary>
public static partial class Quantities
{
    /// <summary>What the API server says about a quantity it cannot parse.</summary>
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Whether the text is a quantity the API server parses.</summary>
    public static bool IsValid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Quantity().IsMatch(text);
    }

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$")]
    private static partial Regex Quantity();
}
