using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Components;

/// <summary>
/// The active version of a prompt, asked for on every request so that a promoted prompt is served
/// without a new pipeline revision.
/// </summary>
public interface IPromptSource
{
    /// <summary>The compiled active version of <paramref name="promptName"/>, or null when none is published.</summary>
    ValueTask<PromptTemplate?> GetAsync(string promptName, CancellationToken cancellationToken);
}
