using System.Globalization;

namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>
/// The protobuf field numbers of the built-in kinds, read from the checked-in table FieldNumbers.txt (facts from the
/// published Kubernetes API; its header explains the notation). The numbers are data, not generated code.
/// </summary>
internal static class FieldNumberTable
{
    private static readonly Lazy<IReadOnlyDictionary<string, MessageNumbers>> Messages = new(Load);

    /// <summary>Every message of the table, by model class name.</summary>
    public static IReadOnlyDictionary<string, MessageNumbers> ByModel => Messages.Value;

    /// <summary>Parses the table's text: one message a line, <c>Model message: jsonName=number[.number][*][:Type] …</c>.</summary>
    public static IReadOnlyDictionary<string, MessageNumbers> Parse(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var messages = new Dictionary<string, MessageNumbers>(StringComparer.Ordinal);
        while (text.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !words[1].EndsWith(':'))
            {
                throw new FormatException($"a field number line must start with a model and a message: {line}");
            }

            messages.Add(words[0], new MessageNumbers(words[0], words[1][..^1], [.. words.Skip(2).Select(ParseField)]));
        }

        return messages;
    }

    private static FieldNumber ParseField(string word)
    {
        var equals = word.LastIndexOf('=');
        if (equals <= 0)
        {
            throw new FormatException($"a field must read jsonName=number: {word}");
        }

        var number = word[(equals + 1)..];
        var colon = number.IndexOf(':', StringComparison.Ordinal);
        var wireFormat = colon < 0 ? null : number[(colon + 1)..];
        number = colon < 0 ? number : number[..colon];
        var keepsEmpty = number.EndsWith('*');
        var path = number.TrimEnd('*').Split('.').Select(n => int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return path.Length is 1 or 2
            ? new FieldNumber(word[..equals], path, keepsEmpty, wireFormat)
            : throw new FormatException($"a field is at most two deep: {word}");
    }

    private static IReadOnlyDictionary<string, MessageNumbers> Load()
    {
        using var stream = typeof(FieldNumberTable).Assembly.GetManifestResourceStream("protobuf/FieldNumbers.txt")
            ?? throw new InvalidOperationException("the protobuf field number table is not embedded in the sandbox assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
