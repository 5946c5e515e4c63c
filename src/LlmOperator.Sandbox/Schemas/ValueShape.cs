namespace LlmOperator.Sandbox.Schemas;

/// <summary>The shape of one field's value: its kind, and the model or element it is made of.</summary>
/// <param name="Kind">What the value holds.</param>
/// <param name="Model">The struct, for <see cref="ValueKind.Struct"/>.</param>
/// <param name="Element">The items of an array or the values of a map.</param>
public sealed record ValueShape(ValueKind Kind, ModelShape? Model = null, ValueShape? Element = null)
{
    /// <summary>The Go type's name, as decoding errors print it.</summary>
    public string GoType => Kind switch
    {
        ValueKind.Struct => $"v1.{Model!.Name}",
        ValueKind.List => $"[]{Element!.GoType}",
        ValueKind.Map => $"map[string]{Element!.GoType}",
        ValueKind.Text => "string",
        ValueKind.Integer32 => "int32",
        ValueKind.Integer64 => "int64",
        ValueKind.Number => "float64",
        ValueKind.Boolean => "bool",
        ValueKind.Bytes => "[]uint8",
        ValueKind.Time => "v1.Time",
        ValueKind.Quantity => "resource.Quantity",
        ValueKind.IntOrString => "intstr.IntOrString",
        _ => "interface {}",
    };
}
