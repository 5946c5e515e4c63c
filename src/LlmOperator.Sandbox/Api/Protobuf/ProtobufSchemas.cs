using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>
/// The protobuf messages of the built-in kinds, built once from two sources: the shape of each field (JSON name,
/// scalar, list, map, nested model) from the KubernetesClient models by reflection, and the field numbers from
/// <see cref="FieldNumberTable"/>. A model property without a number, or a number without a property, is an error
/// here, so the decoder never drops a field silently.
/// </summary>
internal sealed class ProtobufSchemas
{
    private static readonly Lazy<ProtobufSchemas> Built = new(() => new ProtobufSchemas(FieldNumberTable.ByModel));

    private readonly Dictionary<Type, MessageSchema> _byModel = [];
    private readonly Dictionary<(string Group, string Version, string Kind), MessageSchema> _byKind = [];

    /// <summary>Builds the schemas of every message of <paramref name="table"/>.</summary>
    public ProtobufSchemas(IReadOnlyDictionary<string, MessageNumbers> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var models = table.Values.ToDictionary(
            m => m,
            m => typeof(V1ObjectMeta).Assembly.GetType($"{typeof(V1ObjectMeta).Namespace}.{m.Model}")
                ?? throw new InvalidOperationException($"the field number table names a model KubernetesClient does not have: {m.Model}"));
        foreach (var (message, model) in models)
        {
            _byModel.Add(model, new MessageSchema(message.Message));
            if (model.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity)
            {
                _byKind.Add((entity.Group, entity.ApiVersion, entity.Kind), _byModel[model]);
            }
        }

        foreach (var (message, model) in models)
        {
            Fill(_byModel[model], model, message);
        }
    }

    /// <summary>The schemas of the checked-in table.</summary>
    public static ProtobufSchemas Instance => Built.Value;

    /// <summary>The message of a kind (group "" for the core group), or null when the kind has no protobuf form (custom resources).</summary>
    public MessageSchema? ForKind(string group, string version, string kind) => _byKind.GetValueOrDefault((group, version, kind));

    /// <summary>The message of a model.</summary>
    public MessageSchema ForModel(Type model) =>
        _byModel.TryGetValue(model, out var schema) ? schema : throw new InvalidOperationException($"no protobuf message for the model {model.Name}");

    /// <summary>Whether a model's property is apiVersion or kind of a top-level kind: protobuf carries those in the envelope.</summary>
    public static bool IsTypeMeta(Type model, string jsonName) =>
        jsonName is "apiVersion" or "kind" && model.GetCustomAttribute<KubernetesEntityAttribute>() is not null;

    /// <summary>The JSON properties of a model: name and type.</summary>
    public static IEnumerable<(string JsonName, Type Type)> JsonProperties(Type model) =>
        model.GetProperties()
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .Select(p => (p.Name!, p.PropertyType));

    private void Fill(MessageSchema schema, Type model, MessageNumbers message)
    {
        var numbers = message.Fields.ToDictionary(f => f.JsonName, StringComparer.Ordinal);
        foreach (var (jsonName, type) in JsonProperties(model))
        {
            if (!numbers.Remove(jsonName, out var number))
            {
                if (IsTypeMeta(model, jsonName))
                {
                    continue;
                }

                throw new InvalidOperationException($"{model.Name}.{jsonName} has no field number in {message.Message}");
            }

            var (shape, element) = ShapeOf(type);
            var field = new FieldSchema
            {
                Number = number.Path[^1],
                JsonName = jsonName,
                Shape = shape,
                Kind = KindOf(element, number.WireFormat, $"{model.Name}.{jsonName}"),
                KeepsEmpty = number.KeepsEmpty,
            };
            field.Message = field.Kind switch
            {
                ValueKind.Message => ForModel(element),
                ValueKind.SchemaOrArray or ValueKind.SchemaOrBool or ValueKind.SchemaOrStringArray => ForModel(typeof(V1JSONSchemaProps)),
                _ => null,
            };
            (number.Path.Count == 1 ? schema : Inlined(schema, number.Path[0])).Add(field);
        }

        if (numbers.Count > 0)
        {
            throw new InvalidOperationException($"{message.Message} numbers fields {model.Name} does not have: {string.Join(", ", numbers.Keys)}");
        }
    }

    private static MessageSchema Inlined(MessageSchema schema, int number)
    {
        if (schema.Fields.TryGetValue(number, out var inline))
        {
            return inline.Message!;
        }

        var field = new FieldSchema { Number = number, JsonName = null, Shape = FieldShape.Single, Kind = ValueKind.Inline, KeepsEmpty = false };
        field.Message = new MessageSchema($"{schema.Name} field {number}");
        schema.Add(field);
        return field.Message;
    }

    private static (FieldShape Shape, Type Element) ShapeOf(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
        {
            return (FieldShape.List, type.GetGenericArguments()[0]);
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? (FieldShape.Map, type.GetGenericArguments()[1])
            : (FieldShape.Single, type);
    }

    private ValueKind KindOf(Type type, string? wireFormat, string property)
    {
        var element = Nullable.GetUnderlyingType(type) ?? type;
        return (wireFormat, element) switch
        {
            (null, _) when element == typeof(string) => ValueKind.String,
            (null, _) when element == typeof(byte[]) => ValueKind.Bytes,
            (null, _) when element == typeof(int) => ValueKind.Int32,
            (null, _) when element == typeof(long) => ValueKind.Int64,
            (null, _) when element == typeof(bool) => ValueKind.Bool,
            (null, _) when element == typeof(double) => ValueKind.Double,
            (null, _) when element == typeof(DateTime) => ValueKind.Time,
            (null, _) when element == typeof(ResourceQuantity) => ValueKind.Quantity,
            (null, _) when element == typeof(IntOrString) => ValueKind.IntOrString,
            (null, _) when _byModel.ContainsKey(element) => ValueKind.Message,
            ("MicroTime", _) when element == typeof(DateTime) => ValueKind.MicroTime,
            ("FieldsV1" or "JSON", _) when element == typeof(object) => ValueKind.RawJson,
            ("JSONSchemaPropsOrArray", _) when element == typeof(object) => ValueKind.SchemaOrArray,
            ("JSONSchemaPropsOrBool", _) when element == typeof(object) => ValueKind.SchemaOrBool,
            ("JSONSchemaPropsOrStringArray", _) when element == typeof(object) => ValueKind.SchemaOrStringArray,
            ("Empty", _) when element == typeof(object) => ValueKind.Empty,
            _ => throw new InvalidOperationException($"{property}: no protobuf form for {element.Name}{(wireFormat is null ? "" : ":" + wireFormat)}"),
        };
    }
}
