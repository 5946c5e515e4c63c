using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>
/// The apimachinery types whose JSON is not their message's fields: metav1.Time and MicroTime, resource.Quantity,
/// intstr.IntOrString and raw JSON holders (FieldsV1, apiextensions JSON), each read as its Go Unmarshal reads it
/// and written as its MarshalJSON writes it.
/// </summary>
internal static class KnownTypes
{
    /// <summary>
    /// {seconds = 1, nanos = 2}: an empty message is the zero time (null); Time keeps whole seconds (its Unmarshal drops
    /// the nanoseconds), MicroTime microseconds.
    /// </summary>
    public static JsonNode? Time(ReadOnlySpan<byte> data, bool micro)
    {
        if (data.IsEmpty)
        {
            return null;
        }

        var reader = new ProtobufReader(data);
        long seconds = 0;
        long nanos = 0;
        while (reader.TryReadTag(out var number, out var wireType))
        {
            var value = number is 1 or 2 && wireType == WireType.Varint
                ? unchecked((long)reader.ReadVarint())
                : throw new InvalidDataException($"field {number} ({wireType}) is not one of a Time's");
            (seconds, nanos) = number == 1 ? (value, nanos) : (seconds, value);
        }

        if (seconds is < -62135596800 or > 253402300799 || nanos is < 0 or > 999_999_999)
        {
            throw new InvalidDataException($"a Time of {seconds} s and {nanos} ns is out of range");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return micro
            ? JsonValue.Create(time.AddTicks(nanos / 1000 * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture))
            : JsonValue.Create(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>{string = 1}: the quantity's string; "0" when unset.</summary>
    public static JsonNode Quantity(ReadOnlySpan<byte> data)
    {
        var text = "0";
        var reader = new ProtobufReader(data);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            text = number == 1 && wireType == WireType.LengthDelimited
                ? Encoding.UTF8.GetString(reader.ReadLengthDelimited())
                : throw new InvalidDataException($"field {number} ({wireType}) is not one of a Quantity's");
        }

        return JsonValue.Create(text);
    }

    /// <summary>{type = 1, intVal = 2, strVal = 3}: the string when type is 1, else the number.</summary>
    public static JsonNode IntOrString(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        ulong type = 0;
        var number = 0;
        var text = "";
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.Varint):
                    type = reader.ReadVarint();
                    break;
                case (2, WireType.Varint):
                    number = unchecked((int)reader.ReadVarint());
                    break;
                case (3, WireType.LengthDelimited):
                    text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    throw new InvalidDataException($"field {field} ({wireType}) is not one of an IntOrString's");
            }
        }

        return type == 1 ? JsonValue.Create(text) : JsonValue.Create(number);
    }

    /// <summary>{raw = 1}: the JSON the bytes hold; null when there are none.</summary>
    public static JsonNode? RawJson(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        JsonNode? json = null;
        while (reader.TryReadTag(out var number, out var wireType))
        {
            var raw = number == 1 && wireType == WireType.LengthDelimited
                ? reader.ReadLengthDelimited()
                : throw new InvalidDataException($"field {number} ({wireType}) is not one of raw JSON's");
            try
            {
                json = raw.IsEmpty ? null : JsonNode.Parse(raw);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"raw JSON that does not parse: {e.Message}", e);
            }
        }

        return json;
    }

    /// <summary>{items = 1, repeated string} (authorization's ExtraValue): the strings as a JSON array.</summary>
    public static JsonNode StringList(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        var items = new JsonArray();
        while (reader.TryReadTag(out var number, out var wireType))
        {
            items.Add(number == 1 && wireType == WireType.LengthDelimited
                ? System.Text.Encoding.UTF8.GetString(reader.ReadLengthDelimited())
                : throw new InvalidDataException($"field {number} ({wireType}) is not one of a string list's"));
        }

        return items;
    }
}
