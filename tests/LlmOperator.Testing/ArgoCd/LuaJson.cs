using System.Text.Json.Nodes;
using NLua;

namespace LlmOperator.Testing.ArgoCd;

/// <summary>
/// Turns what a script returned back into JSON, as Argo CD does with an action's object: a table with
/// keys 1..n is an array, one with string keys an object. An empty table is ambiguous in Lua; like Argo
/// CD, it takes the type of the value it replaced (an array stays an array), else an object.
/// </summary>
public static class LuaJson
{
    /// <summary>The JSON form of a Lua value; <paramref name="original"/> is the value at the same place before the script ran.</summary>
    public static JsonNode? From(object? value, JsonNode? original) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        LuaTable table => FromTable(table, original),
        _ => throw new InvalidOperationException($"a script returned a {value.GetType().Name}, which has no JSON form"),
    };

    private static JsonNode FromTable(LuaTable table, JsonNode? original)
    {
        var keys = table.Keys.Cast<object>().ToList();
        if (keys.Count == 0)
        {
            return original is JsonArray ? new JsonArray() : new JsonObject();
        }

        if (keys.All(k => k is long))
        {
            var indexes = keys.Cast<long>().Order().ToList();
            if (indexes.Select((index, i) => index == i + 1).Any(ok => !ok))
            {
                throw new InvalidOperationException($"a table with the integer keys {string.Join(", ", indexes)} is neither an array nor an object");
            }

            var array = new JsonArray();
            foreach (var index in indexes)
            {
                var before = original is JsonArray list && index <= list.Count ? list[(int)index - 1] : null;
                array.Add(From(table[index], before));
            }

            return array;
        }

        if (keys.Any(k => k is not string))
        {
            throw new InvalidOperationException("a table mixes string and other keys: it has no JSON form");
        }

        var obj = new JsonObject();
        foreach (var key in keys.Cast<string>().Order(StringComparer.Ordinal))
        {
            // The object indexer: the string one reads "a.b" as a path.
            obj[key] = From(table[(object)key], (original as JsonObject)?[key]);
        }

        return obj;
    }
}
