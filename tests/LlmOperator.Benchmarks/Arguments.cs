using System.Globalization;

namespace LlmOperator.Benchmarks;

/// <summary>--name value pairs from the command line.</summary>
internal sealed class Arguments(Dictionary<string, string> values)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        return new Arguments(values);
    }

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Optional(name) ?? throw new ArgumentException($"{name} is required");

    public int Int(string name, int fallback) => Optional(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
