using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// Parses the inside of a JSONPath template action (what the API server wraps in braces for a printer
/// column) the way k8s.io/client-go/util/jsonpath's parser does, quirks included: <c>['a.b']</c> is
/// <c>.a.b</c>, a dot in a key is escaped as <c>\.</c>, <c>[]</c> is <c>[0]</c>.
/// </summary>
internal sealed partial class JsonPathParser
{
    private readonly string _input;
    private readonly List<JsonPathNode> _nodes = [];
    private int _pos;

    private JsonPathParser(string input) => _input = input;

    /// <summary>Parses a path; throws <see cref="FormatException"/> with the client-go message on bad syntax.</summary>
    public static IReadOnlyList<JsonPathNode> Parse(string path)
    {
        var parser = new JsonPathParser(path);
        parser.ParseAction();
        return parser._nodes;
    }

    private void ParseAction()
    {
        while (true)
        {
            var rest = _input.AsSpan(_pos);
            if (rest.StartsWith("[?(", StringComparison.Ordinal))
            {
                ParseFilter();
                continue;
            }

            if (rest.StartsWith("..", StringComparison.Ordinal))
            {
                ParseRecursive();
                continue;
            }

            // The end of the text is where the API server's closing brace would be.
            if (_pos == _input.Length)
            {
                return;
            }

            var r = _input[_pos++];
            switch (r)
            {
                case '\r' or '\n':
                    throw new FormatException("unclosed action");
                case ' ' or '@' or '$':
                    break;
                case '[':
                    ParseArray();
                    break;
                case '"' or '\'':
                    ParseQuote(r);
                    break;
                case '.':
                    ParseField();
                    break;
                case '+' or '-' or (>= '0' and <= '9'):
                    _pos--;
                    ParseNumber();
                    break;
                default:
                    if (!IsAlphaNumeric(r))
                    {
                        throw new FormatException($"unrecognized character in action: U+{(int)r:X4} '{r}'");
                    }

                    _pos--;
                    ParseIdentifier();
                    break;
            }
        }
    }

    private void ParseRecursive()
    {
        if (_nodes.Count > 0 && _nodes[^1] is RecursiveNode)
        {
            throw new FormatException("invalid multiple recursive descent");
        }

        _pos += 2;
        _nodes.Add(new RecursiveNode());
        if (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            ParseField();
        }
    }

    private void ParseField()
    {
        var start = _pos;
        while (_pos < _input.Length && !IsTerminator(_input[_pos]))
        {
            // A backslash escapes the next character, so that a key may hold a dot: .labels.app\.kubernetes\.io/name
            _pos += _input[_pos] == '\\' ? 2 : 1;
        }

        _pos = Math.Min(_pos, _input.Length);
        var value = _input[start.._pos];
        _nodes.Add(value == "*" ? new WildcardNode() : new FieldNode(value.Replace("\\", "", StringComparison.Ordinal)));
    }

    private void ParseArray()
    {
        var close = _input.IndexOf(']', _pos);
        var newline = _input.IndexOf('\n', _pos);
        if (close < 0 || (newline >= 0 && newline < close))
        {
            throw new FormatException("unterminated array");
        }

        var text = _input[_pos..close];
        _pos = close + 1;
        if (text == "*")
        {
            text = ":";
        }

        var parts = text.Split(',');
        if (parts.Length > 1)
        {
            _nodes.Add(new UnionNode([.. parts.Select(part => Parse($"[{part.Trim(' ')}]"))]));
            return;
        }

        var key = DictionaryKey().Match(text);
        if (key.Success)
        {
            // client-go re-parses ['key'] as .key, so dots inside the quotes still separate fields.
            _nodes.AddRange(Parse("." + key.Groups[1].Value));
            return;
        }

        var slice = SliceOperator().Match(text);
        if (!slice.Success)
        {
            throw new FormatException($"invalid array index {text}");
        }

        var start = SliceStart(slice.Groups[1].Value);
        _nodes.Add(new ArrayNode(start, SliceEnd(slice.Groups[2].Value, start), SliceStep(slice.Groups[3].Value)));
    }

    private static SliceBound SliceStart(string text) => text.Length == 0 ? new SliceBound(0, Known: false) : new SliceBound(SliceNumber(text), Known: true);

    private static SliceBound SliceEnd(string text, SliceBound start) => text switch
    {
        // [i] selects i..i+1.
        "" => new SliceBound(start.Value + 1, Known: true, Derived: true),
        ":" => new SliceBound(0, Known: false),
        _ => new SliceBound(SliceNumber(text[1..]), Known: true),
    };

    private static SliceBound SliceStep(string text) =>
        text is "" or ":" ? new SliceBound(0, Known: false) : new SliceBound(SliceNumber(text[1..]), Known: true);

    private static long SliceNumber(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"array index {text} is not a number");

    private void ParseFilter()
    {
        _pos += 3;
        var start = _pos;
        var inQuote = false;
        var quoteClosed = false;
        var quote = '\0';
        while (true)
        {
            if (_pos == _input.Length || _input[_pos] == '\n')
            {
                throw new FormatException("unterminated filter");
            }

            var r = _input[_pos++];
            if (r is '"' or '\'')
            {
                if (!inQuote)
                {
                    inQuote = true;
                    quote = r;
                }
                else if (_input[_pos - 2] != '\\' && r == quote)
                {
                    quoteClosed = true;
                }
            }
            else if (r == ')' && inQuote == quoteClosed)
            {
                break;
            }
        }

        if (_pos == _input.Length || _input[_pos++] != ']')
        {
            throw new FormatException("unclosed array expect ]");
        }

        var text = _input[start..(_pos - 2)];
        var comparison = FilterComparison().Match(text);
        _nodes.Add(comparison.Success
            ? new FilterNode(Parse(comparison.Groups[1].Value), comparison.Groups[2].Value, Parse(comparison.Groups[3].Value))
            : new FilterNode(Parse(text), FilterNode.Exists, []));
    }

    private void ParseQuote(char quote)
    {
        var start = _pos - 1;
        while (true)
        {
            if (_pos == _input.Length || _input[_pos] == '\n')
            {
                throw new FormatException("unterminated quoted string");
            }

            var r = _input[_pos++];
            if (r == quote && _input[_pos - 2] != '\\')
            {
                break;
            }
        }

        var quoted = _input[start.._pos];
        _nodes.Add(new TextNode(Unquote(quoted) ?? throw new FormatException($"unquote string {quoted} error invalid syntax")));
    }

    private void ParseNumber()
    {
        var start = _pos;
        if (_input[_pos] is '+' or '-')
        {
            _pos++;
        }

        while (_pos < _input.Length && (_input[_pos] == '.' || char.IsAsciiDigit(_input[_pos])))
        {
            _pos++;
        }

        var text = _input[start.._pos];
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            _nodes.Add(new LiteralNode(JsonValue.Create(integer)));
        }
        else if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var real))
        {
            _nodes.Add(new LiteralNode(JsonValue.Create(real)));
        }
        else
        {
            throw new FormatException($"cannot parse number {text}");
        }
    }

    private void ParseIdentifier()
    {
        var start = _pos;
        while (_pos < _input.Length && !IsTerminator(_input[_pos]))
        {
            _pos++;
        }

        var text = _input[start.._pos];
        _nodes.Add(text switch
        {
            "true" => new LiteralNode(JsonValue.Create(true)),
            "false" => new LiteralNode(JsonValue.Create(false)),

            // range/end only make sense in kubectl's -o jsonpath templates, never in a column.
            _ => throw new FormatException($"unrecognized identifier {text}"),
        });
    }

    /// <summary>Removes the quotes and resolves Go escapes, as client-go's <c>UnquoteExtend</c> does; null when invalid.</summary>
    private static string? Unquote(string quoted)
    {
        var quote = quoted[0];
        var inner = quoted[1..^1];
        var result = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] != '\\')
            {
                result.Append(inner[i]);
                continue;
            }

            if (++i == inner.Length)
            {
                return null;
            }

            var escaped = inner[i] switch
            {
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'v' => "\v",
                '\\' => "\\",
                _ when inner[i] == quote => quote.ToString(),
                'x' or 'u' or 'U' => CodePoint(inner, i),
                _ => null,
            };
            if (escaped is null)
            {
                return null;
            }

            result.Append(escaped);
            i += HexDigits(inner[i]);
        }

        return result.ToString();
    }

    private static int HexDigits(char escape) => escape switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };

    private static string? CodePoint(string text, int escape)
    {
        var digits = HexDigits(text[escape]);
        if (escape + digits >= text.Length
            || !int.TryParse(text.AsSpan(escape + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF
            || code is >= 0xD800 and <= 0xDFFF)
        {
            return null;
        }

        return char.ConvertFromUtf32(code);
    }

    private static bool IsTerminator(char r) => r is ' ' or '\t' or '\r' or '\n' or '.' or ',' or '[' or ']' or '$' or '@' or '{' or '}';

    private static bool IsAlphaNumeric(char r) => r == '_' || char.IsLetterOrDigit(r);

    [GeneratedRegex(@"^'([^']*)'$")]
    private static partial Regex DictionaryKey();

    [GeneratedRegex(@"^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$")]
    private static partial Regex SliceOperator();

    [GeneratedRegex(@"^([^!<>=]+)([!<>=]+)(.+?)$")]
    private static partial Regex FilterComparison();
}
