using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// The content hash of a version: the SHA-256, in lower-case hex, of the canonical JSON of
/// {messages, parameters, variables} as the API writes them (camelCase fields), with object keys sorted
/// by ordinal, no whitespace, and nulls, empty lists and empty objects left out, so that two versions
/// that would send the same requests have the same hash however their YAML was written.
/// </summary>
internal static class PromptContentHash
{
    /// <summary>The hash of a version's content.</summary>
    public static string Of(PromptVersionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var content = new JsonObject
        {
            ["messages"] = JsonNode.Parse(KubernetesJson.Serialize(spec.Messages)),
            ["parameters"] = spec.Parameters is null ? null : JsonNode.Parse(KubernetesJson.Serialize(spec.Parameters)),
            ["variables"] = spec.Variables is null ? null : JsonNode.Parse(KubernetesJson.Serialize(spec.Variables)),
        };
        var canonical = Canonical(content)?.ToJsonString() ?? "{}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => Empty(new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))
            .Where(p => p.Value is not null))),
        JsonArray array => Empty(new JsonArray([.. array.Select(Canonical)])),
        _ => node?.DeepClone(),
    };

    private static JsonNode? Empty(JsonNode node) => node is JsonObject { Count: 0 } or JsonArray { Count: 0 } ? null : node;
}
