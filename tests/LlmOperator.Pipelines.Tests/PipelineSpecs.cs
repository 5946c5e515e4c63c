using System.Text.Json;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Pipelines.Tests;

/// <summary>spec.pipeline written as JSON, as it arrives from the API.</summary>
internal static class PipelineSpecs
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PipelineSpec Parse(string json) => JsonSerializer.Deserialize<PipelineSpec>(json, Options)!;
}
