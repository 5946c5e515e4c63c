namespace LlmOperator.Sandbox.Patching;

/// <summary>An RFC 6901 JSON pointer: the reference tokens of a path such as <c>/spec/containers/0</c>.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The pointer as written.</summary>
    public string Text { get; }

    /// <summary>The unescaped reference tokens; empty for the whole document.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Whether the pointer designates the whole document.</summary>
    public bool IsRoot => Tokens.Count == 0;

    /// <summary>The last token: the member name or array index the pointer ends with.</summary>
    public string Last => Tokens[^1];

    /// <summary>Parses a pointer; null when it is neither empty nor starts with a slash.</summary>
    public static JsonPointer? TryParse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            return null;
        }

        // ~1 before ~0, so that "~01" becomes "~1" and not "/" (RFC 6901 section 4).
        return new JsonPointer(text, [.. text[1..]
            .Split('/')
            .Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))]);
    }

    /// <summary>Whether this pointer designates a value strictly inside the one <paramref name="other"/> designates.</summary>
    public bool IsInside(JsonPointer other) =>
        Tokens.Count > other.Tokens.Count && other.Tokens.SequenceEqual(Tokens.Take(other.Tokens.Count), StringComparer.Ordinal);

    /// <summary>
    /// Reads an array index token: "0" or digits without a leading zero (RFC 6901 section 4). "-" and anything
    /// else are not indexes.
    /// </summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        index = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
