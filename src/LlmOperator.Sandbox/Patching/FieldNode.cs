using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>What one path of an object holds, in structured-merge-diff's terms.</summary>
/// <param name="IsLeaf">
/// A scalar, null, empty object, atomic list or atomic object: compared by value and owned as a whole.
/// </param>
/// <param name="IsMember">Whether applying it makes the path owned: leaves and the items of set and map lists.</param>
/// <param name="Value">The value at the path.</param>
internal readonly record struct FieldNode(bool IsLeaf, bool IsMember, JsonNode? Value);
