using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// One step of a field path in structured-merge-diff's terms: a field of an object (<c>f:name</c>), the item of
/// a map list with the given key field values (<c>k:{"name":"app"}</c>), or the item of a set (<c>v:"a"</c>).
/// Equal elements have the same serialized form: key values are written canonically (80.0 as 80).
/// </summary>
internal sealed class PathElement : IEquatable<PathElement>, IComparable<PathElement>
{
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Step _kind;
    private readonly IReadOnlyList<KeyValuePair<string, JsonNode?>> _keys;
    private readonly JsonNode? _value;

    private PathElement(Step kind, string? fieldName, IReadOnlyList<KeyValuePair<string, JsonNode?>> keys, JsonNode? value, string serialized)
    {
        _kind = kind;
        FieldName = fieldName;
        _keys = keys;
        _value = value;
        Serialized = serialized;
    }

    /// <summary>The field name of a field element; null for list items.</summary>
    public string? FieldName { get; }

    /// <summary>The element as a fieldsV1 member name: <c>f:</c>, <c>k:</c> or <c>v:</c> and its content.</summary>
    public string Serialized { get; }

    /// <summary>The field <paramref name="name"/> of an object.</summary>
    public static PathElement Field(string name) => new(Step.Field, name, [], null, "f:" + name);

    /// <summary>The map list item whose key fields have these values.</summary>
    public static PathElement Key(IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        var sorted = fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => KeyValuePair.Create(f.Key, Scalar(f.Value))).ToList();
        var text = new JsonObject(sorted.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())));
        return new PathElement(Step.Key, null, sorted, null, "k:" + text.ToJsonString(Canonical));
    }

    /// <summary>The set item with this value.</summary>
    public static PathElement Value(JsonNode? value)
    {
        var scalar = Scalar(value);
        return new PathElement(Step.Value, null, [], scalar, "v:" + (scalar?.ToJsonString(Canonical) ?? "null"));
    }

    /// <summary>The element that identifies an item of a set or map list; null when the item cannot be one.</summary>
    public static PathElement? ForListItem(JsonNode? item, ListMerge merge) => merge.Type switch
    {
        ListType.Set when item is not (JsonObject or JsonArray) => Value(item),
        ListType.Map when item is JsonObject obj && merge.Keys.All(obj.ContainsKey) => Key(merge.Keys.Select(k => KeyValuePair.Create(k, obj[k]))),
        _ => null,
    };

    /// <summary>Reads a fieldsV1 member name.</summary>
    public static PathElement? TryParse(string text)
    {
        try
        {
            return text.Length < 2 || text[1] != ':' ? null : text[0] switch
            {
                'f' => Field(text[2..]),
                'k' => JsonNode.Parse(text[2..]) is JsonObject fields ? Key(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))) : null,
                'v' => Value(JsonNode.Parse(text[2..])),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether a list item is the one this key or value element designates.</summary>
    public bool Matches(JsonNode? item) => _kind switch
    {
        Step.Key => item is JsonObject obj && _keys.All(k => obj.TryGetPropertyValue(k.Key, out var v) && JsonNode.DeepEquals(Scalar(v), k.Value)),
        Step.Value => JsonNode.DeepEquals(Scalar(item), _value),
        _ => false,
    };

    /// <summary>The element as the API server prints it in conflicts: <c>.name</c>, <c>[name="app"]</c>, <c>[="a"]</c>.</summary>
    public override string ToString() => _kind switch
    {
        Step.Field => "." + FieldName,
        Step.Key => "[" + string.Join(",", _keys.Select(k => $"{k.Key}={Print(k.Value)}")) + "]",
        _ => "[=" + Print(_value) + "]",
    };

    /// <inheritdoc/>
    public bool Equals(PathElement? other) => other is not null && Serialized == other.Serialized;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PathElement);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Serialized);

    /// <summary>structured-merge-diff's order: fields, then keys, then values; numbers before strings before booleans.</summary>
    public int CompareTo(PathElement? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (_kind != other._kind)
        {
            return _kind.CompareTo(other._kind);
        }

        switch (_kind)
        {
            case Step.Field:
                return string.CompareOrdinal(FieldName, other.FieldName);
            case Step.Key:
                for (var i = 0; i < Math.Min(_keys.Count, other._keys.Count); i++)
                {
                    var byName = string.CompareOrdinal(_keys[i].Key, other._keys[i].Key);
                    var order = byName != 0 ? byName : CompareValues(_keys[i].Value, other._keys[i].Value);
                    if (order != 0)
                    {
                        return order;
                    }
                }

                return _keys.Count.CompareTo(other._keys.Count);
            default:
                return CompareValues(_value, other._value);
        }
    }

    private enum Step
    {
        Field,
        Key,
        Value,
    }

    /// <summary>A key value in canonical form: an integral number as a long, so that 80 and 80.0 are one key.</summary>
    private static JsonNode? Scalar(JsonNode? value) =>
        JsonKinds.TryGetInteger(value, out var integer) ? JsonValue.Create(integer) : value?.DeepClone();

    private static int CompareValues(JsonNode? left, JsonNode? right)
    {
        var rank = Rank(left).CompareTo(Rank(right));
        return rank != 0 ? rank : Rank(left) switch
        {
            0 => JsonKinds.ToDouble(left!).CompareTo(JsonKinds.ToDouble(right!)),
            1 => string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>()),
            2 => left!.GetValue<bool>().CompareTo(right!.GetValue<bool>()),
            _ => string.CompareOrdinal(left?.ToJsonString(), right?.ToJsonString()),
        };
    }

    private static int Rank(JsonNode? value) => value switch
    {
        _ when JsonKinds.IsNumber(value) => 0,
        _ when JsonKinds.IsString(value) => 1,
        _ when JsonKinds.IsBoolean(value) => 2,
        _ => 3,
    };

    private static string Print(JsonNode? value) => value switch
    {
        null => "null",
        _ when JsonKinds.IsString(value) => value.ToJsonString(Canonical),
        _ when JsonKinds.IsNumber(value) && !JsonKinds.TryGetInteger(value, out _) => JsonKinds.ToDouble(value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToJsonString(Canonical),
    };
}
