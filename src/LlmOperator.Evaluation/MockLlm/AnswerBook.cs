using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>
/// The answers mock-llm gives. Each known input has a correct and an incorrect answer; which one is given
/// depends on the quality: the inputs are ranked by a stable hash, and the first quality × N of them are
/// answered correctly. So a 70% model is right on exactly 70% of the inputs, on a subset of those a 90%
/// model gets right: paired comparisons behave as with real models that differ in skill. An input may also have a
/// correct function call, {"tool_call": {"name", "arguments"}}, given instead of the text when the request offers that tool.
/// </summary>
internal sealed class AnswerBook
{
    private const string DefaultIncorrect = "I am not sure.";
    private readonly FrozenDictionary<string, Entry> _entries;

    private AnswerBook(Dictionary<string, Entry> entries) => _entries = entries.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A book with no known inputs.</summary>
    public static AnswerBook Empty { get; } = new([]);

    /// <summary>How many inputs the book knows.</summary>
    public int Count => _entries.Count;

    /// <summary>Reads a JSONL answers file: {"input": "...", "correct": "...", "incorrect": "..."} per line.</summary>
    public static AnswerBook Load(string path)
    {
        var lines = File.ReadLines(path).Select((text, i) => (Text: text, Number: i + 1)).Where(l => !string.IsNullOrWhiteSpace(l.Text));
        var parsed = new List<(string Input, string Correct, string Incorrect, MockToolCall? Call)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (text, number) in lines)
        {
            JsonObject line;
            try
            {
                line = JsonNode.Parse(text) as JsonObject ?? throw new FormatException($"{path}:{number}: an answer must be a JSON object");
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{number}: not valid JSON: {e.Message}", e);
            }

            var input = Text(line, "input", path, number) ?? throw new FormatException($"{path}:{number}: \"input\" is required");
            var correct = Text(line, "correct", path, number) ?? throw new FormatException($"{path}:{number}: \"correct\" is required");
            if (!seen.TryAdd(input.Trim(), number))
            {
                throw new FormatException($"{path}:{number}: the input is already answered on line {seen[input.Trim()]}");
            }

            parsed.Add((input.Trim(), correct, Text(line, "incorrect", path, number) ?? DefaultIncorrect, Call(line, path, number)));
        }

        var ranked = parsed.OrderBy(p => StableHash.Of(p.Input)).ThenBy(p => p.Input, StringComparer.Ordinal).ToList();
        return new AnswerBook(ranked
            .Select((p, rank) => (p, rank))
            .ToDictionary(x => x.p.Input, x => new Entry(x.p.Correct, x.p.Incorrect, x.rank, x.p.Call), StringComparer.Ordinal));
    }

    /// <summary>The answer to an input at a quality: right for the best-ranked share of known inputs.</summary>
    public string Answer(string input, double quality)
    {
        ArgumentNullException.ThrowIfNull(input);
        var key = input.Trim();
        if (_entries.TryGetValue(key, out var entry))
        {
            return IsAnsweredCorrectly(entry, quality) ? entry.Correct : entry.Incorrect;
        }

        // An input the book does not know: right (an echo) for a stable quality share of inputs.
        var draw = StableHash.Of(key) / (double)ulong.MaxValue;
        return draw < quality ? $"You asked: {key}" : DefaultIncorrect;
    }

    /// <summary>The function call a known input is answered with at a quality, or null (an unknown input, no call, or a wrong answer).</summary>
    public MockToolCall? ToolCall(string input, double quality)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _entries.TryGetValue(input.Trim(), out var entry) && IsAnsweredCorrectly(entry, quality) ? entry.Call : null;
    }

    private bool IsAnsweredCorrectly(Entry entry, double quality) =>
        entry.Rank < (int)Math.Round(quality * _entries.Count, MidpointRounding.AwayFromZero);

    // {"name": "get_weather", "arguments": {"city": "Paris"}}: arguments an object (or a JSON string), none meaning {}.
    private static MockToolCall? Call(JsonObject line, string path, int number)
    {
        if (line["tool_call"] is not { } call)
        {
            return null;
        }

        var name = call is JsonObject o && o["name"] is { } n && JsonKinds.IsString(n) && n.GetValue<string>().Length > 0
            ? n.GetValue<string>()
            : throw new FormatException($"{path}:{number}: \"tool_call\" must be an object with a \"name\"");
        var arguments = call["arguments"] switch
        {
            null => "{}",
            JsonObject args => args.ToJsonString(),
            var args when JsonKinds.IsString(args) => args.GetValue<string>(),
            var args => throw new FormatException(
                $"{path}:{number}: \"tool_call.arguments\" must be an object or a JSON string, not {JsonKinds.TypeName(args)}"),
        };
        return new MockToolCall(name, arguments);
    }

    private static string? Text(JsonObject line, string field, string path, int number) => line[field] switch
    {
        null => null,
        var value when JsonKinds.IsString(value) => value.GetValue<string>(),
        var value => throw new FormatException($"{path}:{number}: \"{field}\" must be a string, not {JsonKinds.TypeName(value)}"),
    };

    private sealed record Entry(string Correct, string Incorrect, int Rank, MockToolCall? Call);
}
