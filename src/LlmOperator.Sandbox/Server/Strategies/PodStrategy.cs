using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Pods: a new pod is Pending with the usual spec defaults; its spec follows the pod spec rules.</summary>
internal sealed class PodStrategy : ResourceStrategy
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = Child(obj, "spec");
        Default(spec, "restartPolicy", "Always");
        Default(spec, "serviceAccountName", "default");
        Default(spec, "dnsPolicy", "ClusterFirst");
        obj["status"] = new JsonObject { ["phase"] = "Pending" };
    }

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old) => PodSpecRules.Validate(obj["spec"], "spec");
}
