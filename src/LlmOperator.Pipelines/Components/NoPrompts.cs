using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Components;

/// <summary>The prompt source of a pipeline that renders no prompt: every prompt has no active version.</summary>
public sealed class NoPrompts : IPromptSource
{
    /// <summary>The one instance.</summary>
    public static NoPrompts Instance { get; } = new();

    private NoPrompts()
    {
    }

    /// <inheritdoc />
    public ValueTask<PromptTemplate?> GetAsync(string promptName, CancellationToken cancellationToken) => ValueTask.FromResult<PromptTemplate?>(null);
}
