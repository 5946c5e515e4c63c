namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>Where one JSON field of a model sits in its protobuf message, as one entry of the field number table says.</summary>
/// <param name="JsonName">The field's JSON name.</param>
/// <param name="Path">Its field number; two numbers when it sits in a struct that Go's JSON inlines (the struct's number, then its own).</param>
/// <param name="KeepsEmpty">Whether Go's JSON keeps the field when it is empty: a pointer in Go, or no omitempty.</param>
/// <param name="WireFormat">The wire type where the model does not say it (MicroTime, FieldsV1, JSON, JSONSchemaPropsOr…, Empty), else null.</param>
internal sealed record FieldNumber(string JsonName, IReadOnlyList<int> Path, bool KeepsEmpty, string? WireFormat);
