using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Pipelines;

namespace LlmOperator.Evaluation.Running;

/// <summary>An endpoint a run is asked to evaluate, before it is resolved.</summary>
/// <param name="Role">candidate or baseline.</param>
/// <param name="Url">The OpenAI base URL.</param>
/// <param name="Model">The model, or null for the first one the endpoint lists.</param>
/// <param name="ApiKey">The API key, if needed.</param>
/// <param name="Pricing">Token prices; the gate's execution.pricing when null.</param>
/// <param name="PromptVersion">The prompt version that renders the cases here; the highest when null.</param>
/// <param name="Description">How reports name it, for example the stable revision.</param>
/// <param name="Pipeline">A pipeline to execute in the run instead of calling <paramref name="Url"/>, which then only names it.</param>
public sealed record EndpointRequest(
    string Role,
    string Url,
    string? Model,
    ApiKey? ApiKey = null,
    ModelPricing? Pricing = null,
    int? PromptVersion = null,
    string? Description = null,
    PipelineUnderTest? Pipeline = null);
