using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Client;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>A model endpoint as a run's target: the case's messages and parameters go to it as they are.</summary>
public sealed class ModelTarget(OpenAiClient client) : ICaseTarget
{
    /// <inheritdoc />
    public string Url => client.Endpoint.BaseUrl.ToString();

    /// <inheritdoc />
    public string Model => client.Endpoint.Model;

    /// <inheritdoc />
    public Task<ChatCompletion> AnswerAsync(RenderedPrompt prompt, JsonObject? vars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return client.CompleteAsync(prompt.Messages, prompt.Parameters, cancellationToken);
    }
}
