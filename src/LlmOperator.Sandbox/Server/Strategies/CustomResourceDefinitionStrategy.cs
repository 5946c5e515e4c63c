using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>
/// CustomResourceDefinitions: the name is plural.group, exactly one storage version, a schema per
/// version; a valid CRD is accepted and Established at once.
/// </summary>
internal sealed class CustomResourceDefinitionStrategy : ResourceStrategy
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        var storage = (spec["versions"] as JsonArray ?? []).FirstOrDefault(v => v?["storage"]?.GetValue<bool>() == true)?["name"]?.ToString();
        var time = ObjectMeta.Text(obj, "creationTimestamp");
        obj["status"] = new JsonObject
        {
            ["acceptedNames"] = spec["names"]?.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", time),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", time)),
            ["storedVersions"] = storage is null ? new JsonArray() : new JsonArray(storage),
        };
    }

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj["spec"] as JsonObject;
        var group = spec?["group"]?.ToString() ?? "";
        var plural = spec?["names"]?["plural"]?.ToString() ?? "";
        if (group.Length == 0 || !group.Contains('.', StringComparison.Ordinal))
        {
            yield return new FieldError("spec.group", FieldErrorType.Invalid, "should be a domain with at least one dot", spec?["group"], showValue: true);
        }

        if (plural.Length == 0)
        {
            yield return new FieldError("spec.names.plural", FieldErrorType.Required);
        }

        if (spec?["names"]?["kind"] is null)
        {
            yield return new FieldError("spec.names.kind", FieldErrorType.Required);
        }

        if (ObjectMeta.Text(obj, "name") != $"{plural}.{group}")
        {
            yield return new FieldError("metadata.name", FieldErrorType.Invalid,
                "must be spec.names.plural+\".\"+spec.group", ObjectMeta.Text(obj, "name"), showValue: true);
        }

        if (spec?["scope"]?.ToString() is not ("Namespaced" or "Cluster"))
        {
            yield return new FieldError("spec.scope", FieldErrorType.NotSupported,
                "supported values: \"Cluster\", \"Namespaced\"", spec?["scope"], showValue: true);
        }

        var versions = spec?["versions"] as JsonArray ?? [];
        if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1)
        {
            yield return new FieldError("spec.versions", FieldErrorType.Invalid,
                "must have exactly one version marked as storage version", versions, showValue: true);
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i]?["schema"]?["openAPIV3Schema"] is not JsonObject)
            {
                yield return new FieldError($"spec.versions[{i}].schema.openAPIV3Schema", FieldErrorType.Required, "schemas are required");
            }
        }

        if (old is not null)
        {
            foreach (var error in Immutable(spec?["scope"], old["spec"]?["scope"], "spec.scope"))
            {
                yield return error;
            }
        }
    }

    private static JsonObject Condition(string type, string reason, string message, string? time) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = time,
        ["reason"] = reason,
        ["message"] = message,
    };
}
