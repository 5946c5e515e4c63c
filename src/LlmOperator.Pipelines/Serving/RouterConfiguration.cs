using System.Text.Json;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Pipelines.Serving;

/// <summary>
/// What llmop router serves, resolved by the operator for one pipeline revision and kept in that
/// revision's ConfigMap: the pipeline, the name clients ask for, and each component's endpoint (its main
/// Service, so a component's canary weight applies to the pipeline's traffic too). Prompts are not
/// resolved here: the router reads their published ConfigMaps, so a promoted prompt serves at once.
/// </summary>
public sealed class RouterConfiguration
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The pipeline's ModelDeployment.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its namespace, where the prompts are published.</summary>
    public string Namespace { get; set; } = "";

    /// <summary>The revision this configuration belongs to.</summary>
    public string Revision { get; set; } = "";

    /// <summary>The model name clients ask for and /v1/models lists.</summary>
    public string ServedModel { get; set; } = "";

    /// <summary>The pipeline, as spec.pipeline says.</summary>
    public PipelineSpec Pipeline { get; set; } = new();

    /// <summary>Each component's endpoint, by ModelDeployment name.</summary>
    public Dictionary<string, RouterComponent> Components { get; set; } = [];

    /// <summary>Reads a configuration; throws <see cref="JsonException"/> when it is not one.</summary>
    public static RouterConfiguration Parse(string json) =>
        JsonSerializer.Deserialize<RouterConfiguration>(json, Json) ?? throw new JsonException("the router configuration is null");

    /// <summary>The configuration as the ConfigMap holds it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
