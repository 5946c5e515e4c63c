using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// Walks parsed path nodes over JSON the way k8s.io/client-go/util/jsonpath walks unstructured content
/// with missing keys allowed, returning what it returns on error too (filters that ask for existence
/// rely on that).
/// </summary>
internal static class JsonPathEvaluator
{
    /// <summary>Applies the nodes one after the other, stopping at the first error.</summary>
    public static JsonPathResult Evaluate(IReadOnlyList<JsonNode?> input, IReadOnlyList<JsonPathNode> nodes)
    {
        var current = input;
        foreach (var node in nodes)
        {
            var step = Walk(current, node);
            if (!step.Succeeded)
            {
                return step;
            }

            current = step.Values;
        }

        return new JsonPathResult(current, null);
    }

    private static JsonPathResult Walk(IReadOnlyList<JsonNode?> input, JsonPathNode node) => node switch
    {
        FieldNode field => Field(input, field.Name),
        WildcardNode => Found(input.SelectMany(Children)),
        RecursiveNode => Recursive(input),
        ArrayNode array => Slice(input, array),
        UnionNode union => Union(input, union),
        FilterNode filter => Filter(input, filter),
        TextNode text => Found([JsonValue.Create(text.Text)]),
        LiteralNode literal => Found(input.Select(_ => (JsonNode?)literal.Value)),
        _ => throw new InvalidOperationException($"unexpected node {node}"),
    };

    private static JsonPathResult Found(IEnumerable<JsonNode?> values) => new([.. values], null);

    private static JsonPathResult Failed(IReadOnlyList<JsonNode?> values, string error) => new(values, error);

    /// <summary>The value of a key in each object; a JSON null found counts, a missing key does not.</summary>
    private static JsonPathResult Field(IReadOnlyList<JsonNode?> input, string name)
    {
        var result = new List<JsonNode?>();
        foreach (var item in input.OfType<JsonObject>())
        {
            if (item.TryGetPropertyValue(name, out var value))
            {
                result.Add(value);
            }
        }

        return Found(result);
    }

    /// <summary>The values of an object or elements of an array; nothing for a scalar.</summary>
    private static IEnumerable<JsonNode?> Children(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value),
        JsonArray a => a,
        _ => [],
    };

    private static JsonPathResult Recursive(IReadOnlyList<JsonNode?> input)
    {
        var result = new List<JsonNode?>();
        foreach (var value in input)
        {
            var children = Children(value).ToList();

            // Go walks a string's bytes too, so a non-empty string counts as a container (without children of its own).
            if (children.Count == 0 && !(GoValues.KindOf(value) == GoKind.String && value!.GetValue<string>().Length > 0))
            {
                continue;
            }

            result.Add(value);
            var below = Recursive(children);
            result.AddRange(below.Values);
        }

        return Found(result);
    }

    private static JsonPathResult Slice(IReadOnlyList<JsonNode?> input, ArrayNode node)
    {
        var result = new List<JsonNode?>();
        foreach (var value in input)
        {
            if (value is null)
            {
                continue;
            }

            if (value is not JsonArray array)
            {
                return Failed(input, $"{GoValues.TypeName(value)} is not array or slice");
            }

            long length = array.Count;
            var start = node.Start.Known ? node.Start.Value : 0;
            start += start < 0 ? length : 0;
            var end = node.End.Known ? node.End.Value : length;
            end += end < 0 || (end == 0 && node.End.Derived) ? length : 0;
            if (end == start)
            {
                // client-go returns at once when zero elements are asked for, skipping the remaining inputs.
                return Found(result);
            }

            var error = start >= length || start < 0 ? $"array index out of bounds: index {start}, length {length}"
                : end > length || end < 0 ? $"array index out of bounds: index {end - 1}, length {length}"
                : start > end ? $"starting index {start} is greater than ending index {end}"
                : node.Step.Known && node.Step.Value <= 0 ? "step must be > 0"
                : null;
            if (error is not null)
            {
                return Failed(input, error);
            }

            var step = node.Step.Known ? node.Step.Value : 1;
            for (var i = start; i < end; i += step)
            {
                result.Add(array[(int)i]);
            }
        }

        return Found(result);
    }

    private static JsonPathResult Union(IReadOnlyList<JsonNode?> input, UnionNode node)
    {
        var result = new List<JsonNode?>();
        foreach (var branch in node.Branches)
        {
            var found = Evaluate(input, branch);
            if (!found.Succeeded)
            {
                return Failed(input, found.Error!);
            }

            result.AddRange(found.Values);
        }

        return Found(result);
    }

    private static JsonPathResult Filter(IReadOnlyList<JsonNode?> input, FilterNode node)
    {
        var result = new List<JsonNode?>();
        foreach (var value in input)
        {
            if (value is not JsonArray array)
            {
                return Failed(input, $"{GoJson.Serialize(value)} is not array or slice and cannot be filtered");
            }

            foreach (var element in array)
            {
                if (node.Operator == FilterNode.Exists)
                {
                    if (Evaluate([element], node.Left).Values.Count > 0)
                    {
                        result.Add(element);
                    }

                    continue;
                }

                var operands = Operands(element, node);
                if (operands.Error is not null)
                {
                    return Failed(input, operands.Error);
                }

                if (!operands.Found)
                {
                    continue;
                }

                var (holds, error) = GoComparison.Compare(node.Operator, operands.Left, operands.Right);
                if (error is not null)
                {
                    return Failed(result, error);
                }

                if (holds)
                {
                    result.Add(element);
                }
            }
        }

        return Found(result);
    }

    /// <summary>
    /// The one value each side of a comparison finds for an element, checked in client-go's order: the
    /// left side first, and an element where a side finds nothing is skipped.
    /// </summary>
    private static (bool Found, JsonNode? Left, JsonNode? Right, string? Error) Operands(JsonNode? element, FilterNode node)
    {
        var left = Single(Evaluate([element], node.Left));
        if (!left.Found)
        {
            return (false, null, null, left.Error);
        }

        var right = Single(Evaluate([element], node.Right));
        return (right.Found, left.Value, right.Value, right.Error);
    }

    private static (bool Found, JsonNode? Value, string? Error) Single(JsonPathResult side) => side switch
    {
        { Succeeded: false } => (false, null, side.Error),
        { Values.Count: 0 } => (false, null, null),
        { Values.Count: > 1 } => (false, null, "can only compare one element at a time"),
        _ => (true, side.Values[0], null),
    };
}
