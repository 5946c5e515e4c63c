using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Deployments (and ReplicaSets): apps/v1 defaults, a selector that matches the template, immutable selectors.</summary>
internal sealed class DeploymentStrategy(bool isDeployment) : ResourceStrategy
{
    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = Child(obj, "spec");
        Default(spec, "replicas", 1);
        Default(spec, "revisionHistoryLimit", 10);
        if (isDeployment)
        {
            Default(spec, "progressDeadlineSeconds", 600);
            Default(spec, "strategy", new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
            });
        }

        if (spec["template"]?["spec"] is JsonObject podSpec)
        {
            Default(podSpec, "restartPolicy", "Always");
        }
    }

    /// <inheritdoc />
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj["spec"];
        var matchLabels = spec?["selector"]?["matchLabels"] as JsonObject;
        if (matchLabels is null or { Count: 0 })
        {
            yield return new FieldError("spec.selector", FieldErrorType.Required);
        }
        else
        {
            var labels = spec?["template"]?["metadata"]?["labels"] as JsonObject ?? [];
            if (matchLabels.Any(l => labels[l.Key]?.ToString() != l.Value?.ToString()))
            {
                yield return new FieldError("spec.template.metadata.labels", FieldErrorType.Invalid,
                    "`selector` does not match template `labels`", labels, showValue: true);
            }
        }

        foreach (var error in PodSpecRules.ValidateTemplate(spec?["template"], "spec.template"))
        {
            yield return error;
        }

        if (JsonKinds.TryGetInteger(spec?["replicas"], out var replicas) && replicas < 0)
        {
            yield return new FieldError("spec.replicas", FieldErrorType.Invalid, "must be greater than or equal to 0", spec!["replicas"], showValue: true);
        }

        if (old is not null)
        {
            foreach (var error in Immutable(spec?["selector"], old["spec"]?["selector"], "spec.selector"))
            {
                yield return error;
            }
        }
    }
}
