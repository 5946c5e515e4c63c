using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>
/// What is particular to one kind on its write path, as the API server's per-kind strategies do: the
/// defaults and server-set fields of a create or update, and the rules beyond the schema. The
/// defaults here do nothing.
/// </summary>
public class ResourceStrategy
{
    /// <summary>The strategy of kinds with nothing particular.</summary>
    public static ResourceStrategy Plain { get; } = new();

    /// <summary>Sets defaults and server-owned fields on a new object (its uid and name are already set).</summary>
    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    /// <summary>Sets defaults and carries over server-owned fields on an update.</summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
    }

    /// <summary>The rules the kind's schema cannot express; <paramref name="old"/> is null on create.</summary>
    public virtual IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old) => [];

    /// <summary>Sets a field to a default value when it is missing.</summary>
    protected static void Default(JsonObject parent, string field, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent[field] is null)
        {
            parent[field] = value;
        }
    }

    /// <summary>The object at a field, created when missing.</summary>
    protected static JsonObject Child(JsonObject parent, string field)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent[field] is not JsonObject child)
        {
            parent[field] = child = [];
        }

        return child;
    }

    /// <summary>An error when an immutable field changed.</summary>
    protected static IEnumerable<FieldError> Immutable(JsonNode? now, JsonNode? before, string path) =>
        JsonNode.DeepEquals(now, before) ? [] : [new FieldError(path, FieldErrorType.Invalid, "field is immutable", now, showValue: true)];
}
