using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Namespaces: names are DNS labels; a new namespace is Active.</summary>
internal sealed partial class NamespaceStrategy : ResourceStrategy
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        Child(obj, "spec")["finalizers"] = new JsonArray("kubernetes");
    }

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var name = ObjectMeta.Text(obj, "name") ?? "";
        if (name.Length > 63 || !DnsLabel().IsMatch(name))
        {
            yield return new FieldError("metadata.name", FieldErrorType.Invalid,
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                    + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
                    + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                name, showValue: true);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
