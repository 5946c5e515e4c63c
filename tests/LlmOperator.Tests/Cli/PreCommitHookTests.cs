using System.Text.RegularExpressions;
using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

/// <summary>
/// The README's pre-commit hook on a realistic repository, the way pre-commit runs it: the hook's entry with
/// the changed files that match its files pattern appended, from the repository's root; and the whole-repository
/// variant (pass_filenames: false).
/// </summary>
public sealed partial class PreCommitHookTests : IDisposable
{
    private const string Gate =
        "apiVersion: llmoperator.io/v1alpha1\nkind: EvaluationGate\nmetadata:\n  name: quality\nspec:\n  dataset:\n    cases: [{id: a}]\n";

    private readonly TempDirectory _repository = new();
    private readonly string _config;

    public PreCommitHookTests()
    {
        _config = HookConfiguration().Match(File.ReadAllText(RepositoryPaths.Combine("README.md"))).Groups["config"].Value;
        _repository.Write(".pre-commit-config.yaml", _config);
        _repository.Write("charts/support/values.yaml", "replicaCount: 2\nimage:\n  repository: ghcr.io/acme/support\n");
        _repository.Write(".github/workflows/ci.yaml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
        _repository.Write("gates/quality.yaml", Gate);
        _repository.Write("models/llama.yaml", Model("llama", "quality", "llama-snapshot"));
        _repository.Write("models/llama-snapshot.yaml", Model("llama-snapshot", "quality", fallback: null));
        _repository.Write("prompts/answer-v1.yaml", """
            apiVersion: llmoperator.io/v1alpha1
            kind: PromptVersion
            metadata:
              name: answer-v1
            spec:
              promptName: answer
              version: 1
              modelRef: {name: llama}
              gates: [quality]
              messages: [{role: user, content: "{{ question }}"}]
              variables: [{name: question}]
            """);
    }

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("models/llama.yaml")]
    [InlineData("prompts/answer-v1.yaml", "gates/quality.yaml")]
    [InlineData(".pre-commit-config.yaml", "charts/support/values.yaml", ".github/workflows/ci.yaml")]
    public void A_commit_of_some_files_passes_the_hook_when_they_are_valid_with_the_rest_of_the_repository(params string[] changed)
    {
        var (code, output, _) = Hook(changed);

        Assert.True(code == 0, output);
    }

    [Fact]
    public void A_commit_that_names_a_gate_no_file_defines_fails_the_hook_at_its_line()
    {
        _repository.Write("models/llama.yaml", Model("llama", "safety", "llama-snapshot"));

        var (code, output, _) = Hook("models/llama.yaml");

        Assert.Equal(1, code);
        Assert.Contains(
            "models/llama.yaml:13: ModelDeployment/llama: .spec.rollout.steps[0].evaluate.gates[0]: Not found: \"safety\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_repository_variant_passes_and_notes_what_is_no_kubernetes_object()
    {
        var (code, output, _) = CommandLine.Run("validate", _repository.Path);

        Assert.Equal(0, code);
        Assert.Contains("charts/support/values.yaml:1: document 1: skipped: not a Kubernetes object (it has no apiVersion and no kind)",
            output.Replace(_repository.Path + Path.DirectorySeparatorChar, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("0 errors in 4 objects from 6 files\n", output, StringComparison.Ordinal);
    }

    // pre-commit runs the entry from the root with the changed files that match the hook's files pattern.
    private (int ExitCode, string Output, string Error) Hook(params string[] changed)
    {
        var entry = Field("entry").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var files = new Regex(Field("files"), RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.Equal("llmop", entry[0]);
        string[] args =
        [
            .. entry[1..].Select(a => a == "." ? _repository.Path : a),
            .. changed.Where(f => files.IsMatch(f)).Select(f => Path.Combine(_repository.Path, f)),
        ];
        var result = CommandLine.Run(args);
        return (result.ExitCode, result.Output.Replace(_repository.Path + Path.DirectorySeparatorChar, "", StringComparison.Ordinal), result.Error);
    }

    private string Field(string name) => Regex.Match(_config, $@"^\s*{name}: (.+)$", RegexOptions.Multiline, TimeSpan.FromSeconds(1)).Groups[1].Value.Trim();

    private static string Model(string name, string gate, string? fallback) => $"""
        apiVersion: llmoperator.io/v1alpha1
        kind: ModelDeployment
        metadata:
          name: {name}
        spec:
          model:
            name: gpt-4o
          engine: external
          external:
            baseUrl: https://api.example.com/v1
          rollout:
            steps:
              - evaluate: {"{"}gates: [{gate}]{"}"}
        """ + (fallback is null ? "\n" : $"""

          evaluation:
            schedule: "0 * * * *"
            gates: [{gate}]
            onDrift: fallback
          fallback:
            modelRef: {"{"}name: {fallback}{"}"}

        """);

    [GeneratedRegex(@"```yaml\n(?<config>repos:\n  - repo: local\n.*?)```", RegexOptions.Singleline)]
    private static partial Regex HookConfiguration();
}
