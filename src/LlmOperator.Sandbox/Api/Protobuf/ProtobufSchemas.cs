using System.Reflection;
using k8s.Models;
using LlmOperator.Sandbox.Schemas;

namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>
/// The protobuf messages of the built-in kinds, built once from two sources: the shape of each field (JSON name,
/// scalar, list, map, nested model) from the KubernetesClient models (<see cref="ModelShape"/>), and the field numbers from
/// <see cref="FieldNumberTable"/>. A model property without a number, or a number without a property, is an error
/// here, so the decoder never drops a field silently.
/// </summary>
internal sealed class ProtobufSchemas
{
    private static readonly Lazy<ProtobufSchemas> Built = new(() => new ProtobufSchemas(FieldNumberTable.ByModel));

    private readonly Dictionary<Type, MessageSchema> _byModel = [];

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
        }

        foreach (var (message, model) in models)
        {
            Fill(_byModel[model], model, message);
        }
    }

    /// <summary>The schemas of the checked-in table.</summary>
    public static ProtobufSchemas Instance => Built.Value;

    /// <summary>The message of a kind (group "" for the core group), or null when the kind has no protobuf form (custom resources).</summary>
    public MessageSchema? ForKind(string group, string version, string kind) =>
        BuiltInModels.Find(group, version, kind) is { } model ? _byModel.GetValueOrDefault(model.Type) : null;

    /// <summary>The message of a model.</summary>
    public MessageSchema ForModel(Type model) =>
        _byModel.TryGetValue(model, out var schema) ? schema : throw new InvalidOperationException($"no protobuf message for the model {model.Name}");

    /// <summary>Whether a model's property is apiVersion or kind of a top-level kind: protobuf carries those in the envelope.</summary>
    public static bool IsTypeMeta(Type model, string jsonName) =>
        jsonName is "apiVersion" or "kind" && model.GetCustomAttribute<KubernetesEntityAttribute>() is not null;

    private void Fill(MessageSchema schema, Type model, MessageNumbers message)
    {
        var numbers = message.Fields.ToDictionary(f => f.JsonName, StringComparer.Ordinal);
        foreach (var (jsonName, modelField) in ModelShape.Of(model).Fields)
        {
            if (!numbers.Remove(jsonName, out var number))
            {
                if (IsTypeMeta(model, jsonName))
                {
                    continue;
                }

                throw new InvalidOperationException($"{model.Name}.{jsonName} has no field number in {message.Message}");
            }

            var (shape, element) = modelField.Value.Kind switch
            {
                ValueKind.List => (FieldShape.List, modelField.Value.Element!),
                ValueKind.Map => (FieldShape.Map, modelField.Value.Element!),
                _ => (FieldShape.Single, modelField.Value),
            };
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
                WireValueKind.Message => ForModel(element.Model!.Type),
                WireValueKind.SchemaOrArray or WireValueKind.SchemaOrBool or WireValueKind.SchemaOrStringArray => ForModel(typeof(V1JSONSchemaProps)),
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

        var field = new FieldSchema { Number = number, JsonName = null, Shape = FieldShape.Single, Kind = WireValueKind.Inline, KeepsEmpty = false };
        field.Message = new MessageSchema($"{schema.Name} field {number}");
        schema.Add(field);
        return field.Message;
    }

    // How a field of the model's shape reads on the wire; the table names the wire forms the models cannot tell apart.
    private WireValueKind KindOf(ValueShape value, string? wireFormat, string property) => (wireFormat, value.Kind) switch
    {
        (null, ValueKind.Text) => WireValueKind.String,
        (null, ValueKind.Bytes) => WireValueKind.Bytes,
        (null, ValueKind.Integer32) => WireValueKind.Int32,
        (null, ValueKind.Integer64) => WireValueKind.Int64,
        (null, ValueKind.Boolean) => WireValueKind.Bool,
        (null, ValueKind.Number) => WireValueKind.Double,
        (null, ValueKind.Time) => WireValueKind.Time,
        (null, ValueKind.Quantity) => WireValueKind.Quantity,
        (null, ValueKind.IntOrString) => WireValueKind.IntOrString,
        (null, ValueKind.Struct) when _byModel.ContainsKey(value.Model!.Type) => WireValueKind.Message,
        ("MicroTime", ValueKind.Time) => WireValueKind.MicroTime,
        ("FieldsV1" or "JSON", ValueKind.Any) => WireValueKind.RawJson,
        ("JSONSchemaPropsOrArray", ValueKind.Any) => WireValueKind.SchemaOrArray,
        ("JSONSchemaPropsOrBool", ValueKind.Any) => WireValueKind.SchemaOrBool,
        ("JSONSchemaPropsOrStringArray", ValueKind.Any) => WireValueKind.SchemaOrStringArray,
        ("Empty", ValueKind.Any) => WireValueKind.Empty,
        ("ExtraValue", ValueKind.List) when value.Element!.Kind == ValueKind.Text => WireValueKind.StringList,
        _ => throw new InvalidOperationException($"{property}: no protobuf form for {value.GoType}{(wireFormat is null ? "" : ":" + wireFormat)}"),
    };
}
