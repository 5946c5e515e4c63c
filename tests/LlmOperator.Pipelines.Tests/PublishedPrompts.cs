using LlmOperator.Api.V1Alpha1;
using LlmOperator.Pipelines.Components;
using LlmOperator.Templates;

namespace LlmOperator.Pipelines.Tests;

/// <summary>Prompts published by name, as the prompt-NAME ConfigMaps hold their active versions.</summary>
internal sealed class PublishedPrompts : IPromptSource
{
    private readonly Dictionary<string, PromptTemplate> _active = new(StringComparer.Ordinal);

    public PublishedPrompts Publish(string name, string content, PromptParameters? parameters = null, params string[] required)
    {
        _active[name] = PromptTemplate.FromPromptVersion(new PromptVersionSpec
        {
            PromptName = name,
            Version = 1,
            ModelRef = new LocalObjectReference { Name = "any" },
            Messages = [new PromptMessage { Role = MessageRole.User, Content = content }],
            Parameters = parameters,
            Variables = [.. required.Select(r => new PromptVariable { Name = r, Required = true })],
        });
        return this;
    }

    public ValueTask<PromptTemplate?> GetAsync(string promptName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_active.GetValueOrDefault(promptName));
}
