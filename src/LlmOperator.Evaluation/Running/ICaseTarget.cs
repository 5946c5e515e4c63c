using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Client;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Running;

/// <summary>What a run sends its cases to: a model endpoint, or a pipeline executed in the run.</summary>
public interface ICaseTarget
{
    /// <summary>Where the answers come from, as reports name it: a base URL, or pipeline:NAME.</summary>
    string Url { get; }

    /// <summary>The model asked, or the pipeline's name.</summary>
    string Model { get; }

    /// <summary>Answers a case's rendered prompt; <paramref name="vars"/> are the case's variables. A failure is a <see cref="ModelCallException"/>.</summary>
    Task<ChatCompletion> AnswerAsync(RenderedPrompt prompt, JsonObject? vars, CancellationToken cancellationToken);
}
