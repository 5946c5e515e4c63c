using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>One step of a parsed path (the nodes of k8s.io/client-go/util/jsonpath that a column path can hold).</summary>
internal abstract record JsonPathNode;

/// <summary><c>.name</c> or <c>['name']</c>: the value of a key of an object.</summary>
internal sealed record FieldNode(string Name) : JsonPathNode;

/// <summary><c>.*</c>: every value of an object or element of an array.</summary>
internal sealed record WildcardNode : JsonPathNode;

/// <summary><c>..</c>: every object and array below, depth first.</summary>
internal sealed record RecursiveNode : JsonPathNode;

/// <summary><c>[i]</c>, <c>[start:end:step]</c> or <c>[*]</c>: elements of an array.</summary>
internal sealed record ArrayNode(SliceBound Start, SliceBound End, SliceBound Step) : JsonPathNode;

/// <summary>
/// A bound of <see cref="ArrayNode"/>. <paramref name="Derived"/> marks the end of a plain index
/// (<c>[i]</c> is <c>[i:i+1]</c>), which counts from the back when <c>i</c> is -1.
/// </summary>
internal readonly record struct SliceBound(long Value, bool Known, bool Derived = false);

/// <summary><c>[a,b]</c>: the results of each branch, one after the other.</summary>
internal sealed record UnionNode(IReadOnlyList<IReadOnlyList<JsonPathNode>> Branches) : JsonPathNode;

/// <summary>
/// <c>[?(@.a == "x")]</c>: the elements of an array for which the comparison holds, or
/// <c>[?(@.a)]</c> (operator <see cref="Exists"/>): those where the left path finds something.
/// </summary>
internal sealed record FilterNode(IReadOnlyList<JsonPathNode> Left, string Operator, IReadOnlyList<JsonPathNode> Right) : JsonPathNode
{
    /// <summary>The operator of a filter without a comparison.</summary>
    public const string Exists = "exists";
}

/// <summary>A quoted string: replaces whatever came before with that one string.</summary>
internal sealed record TextNode(string Text) : JsonPathNode;

/// <summary>A number or boolean literal: one copy of it for each current value.</summary>
internal sealed record LiteralNode(JsonValue Value) : JsonPathNode;
