namespace LlmOperator.Sandbox.Schemas;

/// <summary>What a built-in field holds, as the Go type behind it decodes JSON.</summary>
public enum ValueKind
{
    /// <summary>A struct with named fields.</summary>
    Struct,

    /// <summary>A list.</summary>
    List,

    /// <summary>A map from strings to values.</summary>
    Map,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A 32-bit integer.</summary>
    Integer32,

    /// <summary>A 64-bit integer.</summary>
    Integer64,

    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Bytes, written as base64.</summary>
    Bytes,

    /// <summary>An RFC 3339 time (metav1.Time).</summary>
    Time,

    /// <summary>A resource quantity (string, or a number).</summary>
    Quantity,

    /// <summary>An integer or a string (intstr.IntOrString).</summary>
    IntOrString,

    /// <summary>Any JSON (runtime.RawExtension, JSON schema values).</summary>
    Any,
}
