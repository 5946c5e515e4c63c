using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// The revision of a ModelDeployment: a hash of what shapes its pods or endpoint (model, engine,
/// image, arguments, environment, server settings, model cache, resources, placement, external endpoint, pipeline, LoRA
/// serving). Replicas, rollout steps, evaluation settings and the LoRA adapters themselves are not part of it: changing
/// them is not a release of the model (an adapter change is a release of that adapter alone, on the running pods).
/// </summary>
internal static class Revision
{
    /// <summary>Ten hexadecimal characters, stable for equal specs.</summary>
    public static string Of(ModelDeploymentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var shape = JsonNode.Parse(KubernetesJson.Serialize(new
        {
            spec.Model,
            spec.Engine,
            spec.External,
            spec.Pipeline,
            spec.Image,
            spec.Args,
            spec.Env,
            spec.Server,
            spec.ModelCache,
            spec.Resources,
            spec.NodeSelector,
            spec.Tolerations,
            // LoRA's flags and claims, never the adapters: an adapter change is rolled out on the running pods.
            Lora = LoraServing.RevisionShape(spec),
        }))!;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(shape)));
        return Convert.ToHexString(digest)[..10].ToLowerInvariant();
    }

    // Keys sorted, so that the same spec written in another order has the same revision.
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
