namespace LlmOperator.Sandbox.Api.Protobuf;

/// <summary>How a protobuf field's value is laid out after its tag: the low three bits of the tag.</summary>
internal enum WireType
{
    /// <summary>A base-128 varint: integers, booleans, enums.</summary>
    Varint = 0,

    /// <summary>Eight little-endian bytes: double, fixed64.</summary>
    Fixed64 = 1,

    /// <summary>A varint length, then that many bytes: strings, bytes, messages, packed lists.</summary>
    LengthDelimited = 2,

    /// <summary>Four little-endian bytes: float, fixed32 (no built-in kind has one).</summary>
    Fixed32 = 5,
}
