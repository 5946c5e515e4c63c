using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// One operation of an RFC 6902 JSON patch, applied with the RFC's rules. Failures are worded like the
/// messages of the JSON patch library the API server uses (gopkg.in/evanphx/json-patch.v4).
/// </summary>
internal sealed class JsonPatchOperation
{
    private const string Missing = "missing value";
    private const string InvalidIndex = "invalid index referenced";

    private readonly string _op;
    private readonly JsonObject _operation;

    private JsonPatchOperation(string op, JsonObject operation)
    {
        _op = op;
        _operation = operation;
    }

    /// <summary>Reads an operation; members an operation does not define are ignored (RFC 6902 section 4).</summary>
    public static JsonPatchOperation Read(JsonObject operation) =>
        new(JsonKinds.IsString(operation["op"]) ? operation["op"]!.GetValue<string>() : "unknown", operation);

    /// <summary>Applies the operation to a document this patch owns and returns the document's new root.</summary>
    public JsonNode? ApplyTo(JsonNode? document) => _op switch
    {
        "add" => Add(document, Pointer("path"), Value()),
        "remove" => Remove(document),
        "replace" => Replace(document),
        "move" => Move(document),
        "copy" => Copy(document),
        "test" => Test(document),
        _ => throw PatchException.Rejected($"Unexpected kind: {_op}"),
    };

    private JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (Parent(document, path))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                break;
            case JsonArray array when path.Last == "-":
                array.Add(value);
                break;
            case JsonArray array:
                if (!JsonPointer.TryParseIndex(path.Last, out var index))
                {
                    throw PatchException.Rejected($"error in {_op} for path: '{path}': value was not a proper array index: '{path.Last}'");
                }

                if (index > array.Count)
                {
                    throw PatchException.Rejected($"error in {_op} for path: '{path}': Unable to access invalid index: {index}: {InvalidIndex}");
                }

                array.Insert(index, value);
                break;
            default:
                throw PatchException.Rejected($"{_op} operation does not apply: doc is missing path: \"{path}\": {Missing}");
        }

        return document;
    }

    private JsonNode? Remove(JsonNode? document)
    {
        var path = Pointer("path");
        Detach(document, path, $"{_op} operation does not apply: doc is missing path: \"{path}\": {Missing}");
        return document;
    }

    private JsonNode? Replace(JsonNode? document)
    {
        var path = Pointer("path");
        var value = Value();
        if (path.IsRoot)
        {
            return value;
        }

        var parent = Parent(document, path) ?? throw PatchException.Rejected($"replace operation does not apply: doc is missing path: {path}: {Missing}");
        if (!TryGetChild(parent, path.Last, out _, out var index))
        {
            throw PatchException.Rejected($"replace operation does not apply: doc is missing key: {path}: {Missing}");
        }

        if (parent is JsonArray array)
        {
            array[index] = value;
        }
        else
        {
            parent[path.Last] = value;
        }

        return document;
    }

    private JsonNode? Move(JsonNode? document)
    {
        var from = Pointer("from");
        var path = Pointer("path");
        if (path.IsInside(from))
        {
            throw PatchException.Rejected($"move operation does not apply: from path {from} is a prefix of path {path}");
        }

        var value = Detach(document, from, $"move operation does not apply: doc is missing from path: {from}: {Missing}");
        if (from.IsRoot)
        {
            return value;
        }

        if (!path.IsRoot && Parent(document, path) is null)
        {
            throw PatchException.Rejected($"move operation does not apply: doc is missing destination path: {path}: {Missing}");
        }

        return Add(document, path, value);
    }

    private JsonNode? Copy(JsonNode? document)
    {
        var from = Pointer("from");
        var path = Pointer("path");
        if (!TryGet(document, from, out var value))
        {
            throw PatchException.Rejected($"copy operation does not apply: doc is missing from path: {from}: {Missing}");
        }

        if (!path.IsRoot && Parent(document, path) is null)
        {
            throw PatchException.Rejected($"copy operation does not apply: doc is missing destination path: {path}: {Missing}");
        }

        return Add(document, path, value?.DeepClone());
    }

    private JsonNode? Test(JsonNode? document)
    {
        var path = Pointer("path");
        var expected = Value();
        if (!TryGet(document, path, out var actual))
        {
            throw PatchException.Rejected($"test operation does not apply: is missing path: {path}: {Missing}");
        }

        // JsonNode.DeepEquals compares numbers by value and objects regardless of member order (RFC 6902 section 4.6).
        return JsonNode.DeepEquals(actual, expected)
            ? document
            : throw PatchException.Rejected($"testing value {path} failed: test failed");
    }

    /// <summary>Removes the value a pointer designates and returns it.</summary>
    private JsonNode? Detach(JsonNode? document, JsonPointer path, string missingParent)
    {
        if (path.IsRoot)
        {
            return document;
        }

        var parent = Parent(document, path) ?? throw PatchException.Rejected(missingParent);
        if (!TryGetChild(parent, path.Last, out var value, out var index))
        {
            throw PatchException.Rejected(parent is JsonArray
                ? $"error in {_op} for path: '{path}': Unable to access invalid index: {path.Last}: {InvalidIndex}"
                : $"error in {_op} for path: '{path}': Unable to remove nonexistent key: {path.Last}: {Missing}");
        }

        if (parent is JsonArray array)
        {
            array.RemoveAt(index);
        }
        else
        {
            parent.AsObject().Remove(path.Last);
        }

        return value;
    }

    private static bool TryGet(JsonNode? document, JsonPointer path, out JsonNode? value)
    {
        value = document;
        return path.IsRoot || (Parent(document, path) is { } parent && TryGetChild(parent, path.Last, out value, out _));
    }

    /// <summary>The object or array that holds the value a pointer designates; null when there is none.</summary>
    private static JsonNode? Parent(JsonNode? document, JsonPointer path)
    {
        var current = document;
        for (var i = 0; i < path.Tokens.Count - 1; i++)
        {
            if (current is null || !TryGetChild(current, path.Tokens[i], out current, out _))
            {
                return null;
            }
        }

        return current is JsonObject or JsonArray ? current : null;
    }

    private static bool TryGetChild(JsonNode container, string token, out JsonNode? child, out int index)
    {
        child = null;
        index = -1;
        if (container is JsonObject obj)
        {
            return obj.TryGetPropertyValue(token, out child);
        }

        if (container is not JsonArray array || !JsonPointer.TryParseIndex(token, out index) || index >= array.Count)
        {
            return false;
        }

        child = array[index];
        return true;
    }

    private JsonPointer Pointer(string member)
    {
        var text = JsonKinds.IsString(_operation[member]) ? _operation[member]!.GetValue<string>() : null;
        var pointer = text is null ? null : JsonPointer.TryParse(text);
        return pointer ?? throw PatchException.Rejected(member == "path"
            ? $"{_op} operation failed to decode path: {Missing}"
            : $"{_op} operation failed to decode from: operation, missing from field: {Missing}");
    }

    /// <summary>A copy of the operation's value: the patch is never changed and a node has one parent.</summary>
    private JsonNode? Value() => _operation.TryGetPropertyValue("value", out var value)
        ? value?.DeepClone()
        : throw PatchException.Rejected($"{_op} operation failed to decode value: operation, missing value field: {Missing}");
}
