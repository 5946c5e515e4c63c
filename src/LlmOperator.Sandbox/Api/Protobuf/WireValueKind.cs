namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>What one protobuf value is and so how it reads and how Go's JSON writes it.</summary>
internal enum WireValueKind
{
    /// <summary>A UTF-8 string.</summary>
    String,

    /// <summary>Bytes, written as base64 (Secret data).</summary>
    Bytes,

    /// <summary>An int32 varint.</summary>
    Int32,

    /// <summary>An int64 varint.</summary>
    Int64,

    /// <summary>A boolean varint.</summary>
    Bool,

    /// <summary>A double, eight bytes.</summary>
    Double,

    /// <summary>A nested message, written as a JSON object.</summary>
    Message,

    /// <summary>A struct whose fields Go's JSON writes into the enclosing object (Volume's VolumeSource).</summary>
    Inline,

    /// <summary>metav1.Time {seconds, nanos}: RFC 3339 to the second, null when zero.</summary>
    Time,

    /// <summary>metav1.MicroTime {seconds, nanos}: RFC 3339 to the microsecond, null when zero.</summary>
    MicroTime,

    /// <summary>resource.Quantity {string}: its string.</summary>
    Quantity,

    /// <summary>intstr.IntOrString {type, intVal, strVal}: a number or a string.</summary>
    IntOrString,

    /// <summary>A message holding raw JSON bytes in field 1 (FieldsV1, apiextensions JSON): that JSON.</summary>
    RawJson,

    /// <summary>JSONSchemaPropsOrArray {schema, jSONSchemas}: a schema or an array of them.</summary>
    SchemaOrArray,

    /// <summary>JSONSchemaPropsOrBool {allows, schema}: a schema or a boolean.</summary>
    SchemaOrBool,

    /// <summary>JSONSchemaPropsOrStringArray {schema, property}: a schema or an array of strings.</summary>
    SchemaOrStringArray,

    /// <summary>A struct with no fields: {}.</summary>
    Empty,

    /// <summary>A message of repeated strings in field 1 (authorization's ExtraValue): a JSON array.</summary>
    StringList,
}
