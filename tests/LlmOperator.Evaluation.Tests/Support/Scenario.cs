using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Gates;
using LlmOperator.Evaluation.Running;
using LlmOperator.Testing;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>
/// A gate over N arithmetic questions with an answers file for mock-llm: question i is answered
/// "It is {3i}." when right and "It is 7." when wrong, and the gate checks for the right number.
/// </summary>
internal sealed class Scenario : IDisposable
{
    private readonly TempDirectory _folder = new();

    public Scenario(int cases, string spec = "", string extraDocuments = "")
    {
        Cases = cases;
        var answers = new StringBuilder();
        for (var i = 0; i < cases; i++)
        {
            answers.Append(new JsonObject { ["input"] = Question(i), ["correct"] = $"It is {3 * i}.", ["incorrect"] = "It is 7." }.ToJsonString()).Append('\n');
        }

        AnswersPath = _folder.Write("answers.jsonl", answers.ToString());
        var yaml = new StringBuilder();
        yaml.Append(
            "apiVersion: llmoperator.io/v1alpha1\nkind: EvaluationGate\nmetadata:\n  name: arithmetic\n" +
            "spec:\n  promptRef:\n    name: arithmetic\n  dataset:\n    cases:\n");
        for (var i = 0; i < cases; i++)
        {
            yaml.Append(
                CultureInfo.InvariantCulture,
                $"      - id: q{i}\n        vars: {{n: {i}}}\n        expected: \"{3 * i}\"\n        assert: [{{type: contains}}]\n");
        }

        yaml.Append(spec);
        yaml.Append(
            "---\napiVersion: llmoperator.io/v1alpha1\nkind: PromptVersion\nmetadata:\n  name: arithmetic-v1\n" +
            "spec:\n  promptName: arithmetic\n  version: 1\n  modelRef: {name: m}\n");
        yaml.Append(
            "  messages:\n    - role: system\n      content: Answer briefly.\n" +
            "    - role: user\n      content: \"Question {{ n }}: what is {{ n }} times 3?\"\n");
        yaml.Append(extraDocuments);
        GatePath = _folder.Write("gate.yaml", yaml.ToString());
    }

    public int Cases { get; }

    public string AnswersPath { get; }

    public string GatePath { get; }

    public string Folder => _folder.Path;

    public static string Question(int i) => $"Question {i}: what is {i} times 3?";

    public Task<EvaluationReport> RunAsync(
        string candidateUrl,
        string? baselineUrl = null,
        EvaluationOptions? options = null,
        IReadOnlyDictionary<string, string>? providers = null) =>
        RunGateAsync(GatePath, candidateUrl, baselineUrl, options, providers);

    /// <summary>Runs a gate file (with the prompts it names) against a candidate and, optionally, a baseline.</summary>
    public static async Task<EvaluationReport> RunGateAsync(
        string gatePath,
        string candidateUrl,
        string? baselineUrl = null,
        EvaluationOptions? options = null,
        IReadOnlyDictionary<string, string>? providers = null)
    {
        var files = GateFiles.Load([gatePath], null, providers ?? new Dictionary<string, string>());
        options ??= Engine.Options();
        using var factory = Engine.Factory(options);
        var planner = new EvaluationPlanBuilder(factory, new LlmOperator.Evaluation.Datasets.DatasetReader(options.DatasetLimits));
        var request = new PlanRequest("run-1", files.Gate.Metadata.Name ?? "gate", files.Gate.Spec, files,
            new EndpointRequest("candidate", candidateUrl, null),
            baselineUrl is null ? null : new EndpointRequest("baseline", baselineUrl, null), null, Seed: 42);
        var plan = await planner.BuildAsync(request, CancellationToken.None);
        return await Engine.Runner(options).RunAsync(plan, CancellationToken.None);
    }

    public void Dispose() => _folder.Dispose();
}
