namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>A protobuf message the decoder reads: its fields by number. Filled once, when the schemas are built.</summary>
/// <param name="name">The message's full protobuf name, for error messages.</param>
internal sealed class MessageSchema(string name)
{
    private readonly Dictionary<int, FieldSchema> _fields = [];

    /// <summary>The message's full protobuf name.</summary>
    public string Name { get; } = name;

    /// <summary>The fields by number.</summary>
    public IReadOnlyDictionary<int, FieldSchema> Fields => _fields;

    /// <summary>The lists and maps Go's JSON writes as null when they have no items (no omitempty).</summary>
    public IEnumerable<FieldSchema> NullWhenAbsent => _fields.Values.Where(f => f.KeepsEmpty && f.Shape != FieldShape.Single);

    /// <summary>Adds a field; a number used twice is a mistake in the table.</summary>
    public void Add(FieldSchema field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!_fields.TryAdd(field.Number, field))
        {
            throw new InvalidOperationException($"{Name} has field {field.Number} twice in the field number table");
        }
    }
}
