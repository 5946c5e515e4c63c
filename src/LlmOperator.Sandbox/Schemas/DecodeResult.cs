namespace LlmOperator.Sandbox.Schemas;

/// <summary>What decoding a built-in object found: the unknown fields it dropped, and the first value of the wrong type.</summary>
/// <param name="UnknownFields">The paths of fields the model does not have, for example spec.foo or spec.ports[0].bar.</param>
/// <param name="Error">The decoding error in Go's words, or null when every value fits its field.</param>
public sealed record DecodeResult(IReadOnlyList<string> UnknownFields, string? Error);
