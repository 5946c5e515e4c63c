using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Pipelines;
using LlmOperator.Evaluation.Running;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Tests.Pipelines;

public class SourcePromptsTests
{
    private static PromptVersion Version(string prompt, int version, string content) => new()
    {
        Metadata = new() { Name = $"{prompt}-v{version}" },
        Spec = new PromptVersionSpec
        {
            PromptName = prompt,
            Version = version,
            ModelRef = new LocalObjectReference { Name = "m" },
            Messages = [new PromptMessage { Role = MessageRole.User, Content = content }],
        },
    };

    private static readonly Sources Files = new([Version("answer", 1, "one {{ input }}"), Version("answer", 3, "three {{ input }}"), Version("other", 2, "x")]);

    [Fact]
    public async Task The_highest_version_renders_unless_the_run_pins_one()
    {
        var highest = await new SourcePrompts(Files, new Dictionary<string, int>()).GetAsync("answer", default);
        var pinned = await new SourcePrompts(Files, new Dictionary<string, int> { ["answer"] = 1 }).GetAsync("answer", default);

        Assert.Equal("three q", Render(highest!));
        Assert.Equal("one q", Render(pinned!));
    }

    [Fact]
    public async Task A_prompt_with_no_version_or_no_such_pinned_version_is_not_there()
    {
        Assert.Null(await new SourcePrompts(Files, new Dictionary<string, int>()).GetAsync("missing", default));
        Assert.Null(await new SourcePrompts(Files, new Dictionary<string, int> { ["answer"] = 2 }).GetAsync("answer", default));
    }

    private static string Render(PromptTemplate template) => template.Render(new() { ["input"] = "q" }).Messages.Single().Content;

    private sealed class Sources(IReadOnlyList<PromptVersion> prompts) : IPlanSources
    {
        public Task<IReadOnlyList<PromptVersion>> ListPromptVersionsAsync(CancellationToken cancellationToken) => Task.FromResult(prompts);

        public Task<string> ReadConfigMapAsync(string name, string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ResolvedModel> ResolveAsync(string modelDeployment, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ApiKey> ReadSecretAsync(SecretKeyReference secret, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
