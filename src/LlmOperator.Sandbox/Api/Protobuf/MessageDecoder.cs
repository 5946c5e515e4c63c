using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>
/// Decodes a protobuf message into the JSON Go's encoding/json writes for the same object: empty scalars dropped where
/// omitempty drops them, kept where the field is a pointer or has no omitempty, lists and maps without omitempty null when
/// empty, Time and MicroTime as RFC 3339, Quantity and IntOrString as their JSON forms. A field number the schema does
/// not know, a wrong wire type or truncated data throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class MessageDecoder
{
    /// <summary>Decodes one message.</summary>
    public static JsonObject Decode(ReadOnlySpan<byte> data, MessageSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var target = new JsonObject();
        DecodeInto(target, data, schema);
        return target;
    }

    /// <summary>Decodes one message into an object that may already hold fields (apiVersion and kind from the envelope).</summary>
    public static void DecodeInto(JsonObject target, ReadOnlySpan<byte> data, MessageSchema schema)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(schema);
        var reader = new ProtobufReader(data);
        while (reader.TryReadTag(out var number, out var wireType))
        {
            if (!schema.Fields.TryGetValue(number, out var field))
            {
                throw new InvalidDataException($"field {number} of {schema.Name} is not one the sandbox knows");
            }

            switch (field.Shape)
            {
                case FieldShape.Single when field.Kind == WireValueKind.Inline:
                    DecodeInto(target, Nested(ref reader, wireType, field, schema), field.Message!);
                    break;
                case FieldShape.Single when field.Kind == WireValueKind.Message && target[field.JsonName!] is JsonObject existing:
                    DecodeInto(existing, Nested(ref reader, wireType, field, schema), field.Message!);
                    break;
                case FieldShape.Single:
                    var value = ReadValue(ref reader, wireType, field, schema);
                    if (field.IsScalar && !field.KeepsEmpty && IsEmpty(value!, field.Kind))
                    {
                        target.Remove(field.JsonName!);
                    }
                    else
                    {
                        target[field.JsonName!] = value;
                    }

                    break;
                case FieldShape.List:
                    ReadListItems(ref reader, wireType, field, schema, ListOf(target, field.JsonName!));
                    break;
                default:
                    var (key, entry) = ReadMapEntry(Nested(ref reader, wireType, field, schema), field, schema);
                    MapOf(target, field.JsonName!)[key] = entry;
                    break;
            }
        }

        foreach (var field in schema.NullWhenAbsent)
        {
            target.TryAdd(field.JsonName!, null);
        }
    }

    private static void ReadListItems(ref ProtobufReader reader, WireType wireType, FieldSchema field, MessageSchema schema, JsonArray list)
    {
        var packable = field.Kind is WireValueKind.Int32 or WireValueKind.Int64 or WireValueKind.Bool or WireValueKind.Double;
        if (!packable || wireType != WireType.LengthDelimited)
        {
            list.Add(ReadValue(ref reader, wireType, field, schema));
            return;
        }

        var packed = new ProtobufReader(reader.ReadLengthDelimited());
        while (!packed.AtEnd)
        {
            list.Add(ReadValue(ref packed, field.Kind == WireValueKind.Double ? WireType.Fixed64 : WireType.Varint, field, schema));
        }
    }

    private static (string Key, JsonNode? Value) ReadMapEntry(ReadOnlySpan<byte> data, FieldSchema field, MessageSchema schema)
    {
        var reader = new ProtobufReader(data);
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        while (reader.TryReadTag(out var number, out var wireType))
        {
            switch (number)
            {
                case 1:
                    key = Utf8(Expect(ref reader, wireType, WireType.LengthDelimited, field, schema));
                    break;
                case 2:
                    value = ReadValue(ref reader, wireType, field, schema);
                    hasValue = true;
                    break;
                default:
                    throw new InvalidDataException($"field {number} of a {field.JsonName} entry of {schema.Name} is not one the sandbox knows");
            }
        }

        return (key, hasValue ? value : ZeroOf(field.Kind));
    }

    private static JsonNode? ReadValue(ref ProtobufReader reader, WireType wireType, FieldSchema field, MessageSchema schema)
    {
        switch (field.Kind)
        {
            case WireValueKind.Int32:
                return JsonValue.Create(unchecked((int)Varint(ref reader, wireType, field, schema)));
            case WireValueKind.Int64:
                return JsonValue.Create(unchecked((long)Varint(ref reader, wireType, field, schema)));
            case WireValueKind.Bool:
                return JsonValue.Create(Varint(ref reader, wireType, field, schema) != 0);
            case WireValueKind.Double:
                Expect(wireType, WireType.Fixed64, field, schema);
                return JsonValue.Create(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()));
            default:
                var data = Nested(ref reader, wireType, field, schema);
                return field.Kind switch
                {
                    WireValueKind.String => JsonValue.Create(Utf8(data)),
                    WireValueKind.Bytes => JsonValue.Create(Convert.ToBase64String(data)),
                    WireValueKind.Message => Decode(data, field.Message!),
                    WireValueKind.Empty => Decode(data, new MessageSchema($"the empty {field.JsonName} of {schema.Name}")),
                    WireValueKind.Time or WireValueKind.MicroTime => KnownTypes.Time(data, field.Kind == WireValueKind.MicroTime),
                    WireValueKind.Quantity => KnownTypes.Quantity(data),
                    WireValueKind.IntOrString => KnownTypes.IntOrString(data),
                    WireValueKind.RawJson => KnownTypes.RawJson(data),
                    WireValueKind.StringList => KnownTypes.StringList(data),
                    _ => SchemaOr(data, field),
                };
        }
    }

    /// <summary>JSONSchemaPropsOrArray, OrBool and OrStringArray, as their MarshalJSON writes them.</summary>
    private static JsonNode? SchemaOr(ReadOnlySpan<byte> data, FieldSchema field)
    {
        var reader = new ProtobufReader(data);
        JsonObject? schema = null;
        var items = new JsonArray();
        var allows = false;
        var name = $"{field.Kind} of {field.Message!.Name}";
        var schemaNumber = field.Kind == WireValueKind.SchemaOrBool ? 2 : 1;
        while (reader.TryReadTag(out var number, out var wireType))
        {
            if (number == schemaNumber)
            {
                schema = Decode(Expect(ref reader, wireType, WireType.LengthDelimited, field, field.Message), field.Message);
            }
            else if (number == 1 && field.Kind == WireValueKind.SchemaOrBool)
            {
                allows = Varint(ref reader, wireType, field, field.Message) != 0;
            }
            else if (number == 2 && field.Kind == WireValueKind.SchemaOrArray)
            {
                items.Add(Decode(Expect(ref reader, wireType, WireType.LengthDelimited, field, field.Message), field.Message));
            }
            else if (number == 2 && field.Kind == WireValueKind.SchemaOrStringArray)
            {
                items.Add(Utf8(Expect(ref reader, wireType, WireType.LengthDelimited, field, field.Message)));
            }
            else
            {
                throw new InvalidDataException($"field {number} of {name} is not one the sandbox knows");
            }
        }

        return field.Kind switch
        {
            WireValueKind.SchemaOrBool => schema ?? (JsonNode)JsonValue.Create(allows),
            _ when items.Count > 0 => items,
            _ => schema,
        };
    }

    private static bool IsEmpty(JsonNode value, WireValueKind kind) => kind switch
    {
        WireValueKind.String or WireValueKind.Bytes => value.GetValue<string>().Length == 0,
        WireValueKind.Int32 => value.GetValue<int>() == 0,
        WireValueKind.Int64 => value.GetValue<long>() == 0,
        WireValueKind.Bool => !value.GetValue<bool>(),
        _ => value.GetValue<double>() == 0,
    };

    /// <summary>A map entry without a value holds the Go zero value of the map's value type.</summary>
    private static JsonNode? ZeroOf(WireValueKind kind) => kind switch
    {
        WireValueKind.String or WireValueKind.Bytes => JsonValue.Create(""),
        WireValueKind.Quantity => JsonValue.Create("0"),
        WireValueKind.Message => new JsonObject(),
        _ => null,
    };

    private static JsonArray ListOf(JsonObject target, string name)
    {
        if (target[name] is JsonArray list)
        {
            return list;
        }

        var created = new JsonArray();
        target[name] = created;
        return created;
    }

    private static JsonObject MapOf(JsonObject target, string name)
    {
        if (target[name] is JsonObject map)
        {
            return map;
        }

        var created = new JsonObject();
        target[name] = created;
        return created;
    }

    private static ulong Varint(ref ProtobufReader reader, WireType wireType, FieldSchema field, MessageSchema schema)
    {
        Expect(wireType, WireType.Varint, field, schema);
        return reader.ReadVarint();
    }

    private static ReadOnlySpan<byte> Nested(ref ProtobufReader reader, WireType wireType, FieldSchema field, MessageSchema schema) =>
        Expect(ref reader, wireType, WireType.LengthDelimited, field, schema);

    private static ReadOnlySpan<byte> Expect(ref ProtobufReader reader, WireType wireType, WireType expected, FieldSchema field, MessageSchema schema)
    {
        Expect(wireType, expected, field, schema);
        return reader.ReadLengthDelimited();
    }

    private static bool Expect(WireType wireType, WireType expected, FieldSchema field, MessageSchema schema) =>
        wireType == expected
            ? true
            : throw new InvalidDataException(
                $"field {field.Number} ({field.JsonName ?? "inlined"}) of {schema.Name} has wire type {wireType}, not {expected}");

    private static string Utf8(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(data);
}
