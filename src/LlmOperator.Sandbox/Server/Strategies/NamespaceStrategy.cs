using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Namespaces: names are DNS labels; a new namespace is Active.</summary>
internal sealed class NamespaceStrategy : ResourceStrategy
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        Child(obj, "spec")["finalizers"] = new JsonArray("kubernetes");
    }

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old) =>
        ValueRules.Dns1123Label("metadata.name", ObjectMeta.Of(obj)["name"]);
}
