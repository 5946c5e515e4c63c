namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>Whether a protobuf field holds one value, a list of them or a map of string keys to them.</summary>
internal enum FieldShape
{
    /// <summary>One value (the last one sent wins; messages merge).</summary>
    Single,

    /// <summary>A repeated field: a JSON array.</summary>
    List,

    /// <summary>Repeated {key = 1, value = 2} entries: a JSON object.</summary>
    Map,
}
