using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Jobs: batch/v1 defaults, the controller-uid selector, a restart policy of Never or OnFailure, an immutable template.</summary>
internal sealed class JobStrategy : ResourceStrategy
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = Child(obj, "spec");
        Default(spec, "parallelism", 1);
        Default(spec, "completions", 1);
        Default(spec, "backoffLimit", 6);
        Default(spec, "completionMode", "NonIndexed");
        Default(spec, "suspend", false);
        if (spec["manualSelector"]?.GetValue<bool>() == true)
        {
            return;
        }

        var uid = ObjectMeta.Text(obj, "uid")!;
        var name = ObjectMeta.Text(obj, "name")!;
        var templateLabels = Child(Child(Child(spec, "template"), "metadata"), "labels");
        templateLabels["batch.kubernetes.io/controller-uid"] = uid;
        templateLabels["batch.kubernetes.io/job-name"] = name;
        templateLabels["controller-uid"] = uid;
        templateLabels["job-name"] = name;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
    }

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj["spec"];
        if (spec?["template"]?["spec"]?["restartPolicy"]?.ToString() is not ("Never" or "OnFailure"))
        {
            yield return new FieldError("spec.template.spec.restartPolicy", FieldErrorType.Required, "valid values: \"OnFailure\", \"Never\"");
        }

        foreach (var error in PodSpecRules.ValidateTemplate(spec?["template"], "spec.template"))
        {
            yield return error;
        }

        if (old is not null)
        {
            foreach (var error in Immutable(spec?["template"], old["spec"]?["template"], "spec.template"))
            {
                yield return error;
            }
        }
    }
}
