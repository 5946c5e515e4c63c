namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>One field of a protobuf message as the decoder needs it: its number, JSON name, shape and value kind.</summary>
internal sealed class FieldSchema
{
    /// <summary>The field number.</summary>
    public required int Number { get; init; }

    /// <summary>The JSON name, or null for an inlined struct (its fields carry their own names).</summary>
    public required string? JsonName { get; init; }

    /// <summary>One value, a list or a map.</summary>
    public required FieldShape Shape { get; init; }

    /// <summary>The kind of each value.</summary>
    public required WireValueKind Kind { get; init; }

    /// <summary>Whether Go's JSON keeps an empty value of this field (a pointer, or no omitempty).</summary>
    public required bool KeepsEmpty { get; init; }

    /// <summary>The message of a nested, inlined or JSONSchemaProps-holding value; null for scalars.</summary>
    public MessageSchema? Message { get; set; }

    /// <summary>Whether the value is a scalar that omitempty drops when empty.</summary>
    public bool IsScalar =>
        Kind is WireValueKind.String or WireValueKind.Bytes or WireValueKind.Int32 or WireValueKind.Int64 or WireValueKind.Bool or WireValueKind.Double;
}
