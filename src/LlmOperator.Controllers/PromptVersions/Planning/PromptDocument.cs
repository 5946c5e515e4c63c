using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// prompt.json, what applications read from the ConfigMap prompt-&lt;promptName&gt;: the version that
/// serves (promptName, version, contentHash, messages, parameters, variables, as the PromptVersion
/// writes them) and the model to send it to (the ModelDeployment's name, the endpoint clients use and
/// the model name to request; endpoint and servedModel are null while the model has none).
/// </summary>
internal static class PromptDocument
{
    // Indented for people reading the ConfigMap; quotes, apostrophes and angle brackets as they are in
    // the prompt (the document is read as JSON, never embedded in HTML, so they need no escaping).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document of a version on its model as read (null when it does not exist).</summary>
    public static string Render(PromptVersionSpec spec, string contentHash, ModelDeployment? model)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var document = new JsonObject
        {
            ["promptName"] = spec.PromptName,
            ["version"] = spec.Version,
            ["contentHash"] = contentHash,
            ["messages"] = Node(spec.Messages),
            ["parameters"] = Node(spec.Parameters) ?? new JsonObject(),
            ["variables"] = Node(spec.Variables) ?? new JsonArray(),
            ["model"] = new JsonObject
            {
                ["name"] = spec.ModelRef.Name,
                ["endpoint"] = model?.Status?.Endpoint,
                ["servedModel"] = model?.Status?.ServedModel,
            },
        };
        return document.ToJsonString(Indented);
    }

    private static JsonNode? Node(object? value) => value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value));
}
