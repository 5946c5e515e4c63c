using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>Finds the model behind an assertion's provider: the embedder of similar, the judge of llm-rubric.</summary>
public interface IModelProviders
{
    /// <summary>
    /// The client of a provider, or of the default grader when <paramref name="provider"/> is null.
    /// Throws <see cref="AssertionConfigurationException"/> when it cannot be found.
    /// </summary>
    ValueTask<OpenAiClient> GetAsync(ModelEndpointReference? provider, CancellationToken cancellationToken);
}
