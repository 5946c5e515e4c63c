using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Benchmarks.Evaluator;

/// <summary>
/// The benchmark's cases, written three ways: an answers file for mock-llm, an EvaluationGate (with its
/// PromptVersion) for llmop, and a promptfoo config with the same prompt, cases and assertions.
/// </summary>
internal sealed class Workload(string folder, int cases, int concurrency)
{
    public string AnswersPath => Path.Combine(folder, "answers.jsonl");

    public string GatePath => Path.Combine(folder, "gate.yaml");

    public string PromptfooPath => Path.Combine(folder, "promptfooconfig.yaml");

    public static string Question(int i) => $"What is the capital of region {i}?";

    public static string Id(int i) => $"q{i}";

    /// <summary>The answers mock-llm serves: a right and a wrong one per question.</summary>
    public void WriteAnswers()
    {
        var answers = new StringBuilder();
        for (var i = 0; i < cases; i++)
        {
            answers.Append(new JsonObject
            {
                ["input"] = Question(i),
                ["correct"] = $"The capital of region {i} is Town{i}.",
                ["incorrect"] = "I do not know that region.",
            }.ToJsonString()).Append('\n');
        }

        File.WriteAllText(AnswersPath, answers.ToString());
    }

    /// <summary>The llmop gate and the promptfoo config, both pointing at mock-llm.</summary>
    public void WriteConfigs(Uri mockUrl)
    {
        var gate = new StringBuilder(
            "apiVersion: llmoperator.io/v1alpha1\nkind: EvaluationGate\nmetadata:\n  name: benchmark\nspec:\n  promptRef:\n    name: benchmark\n"
            + "  dataset:\n    cases:\n");
        var promptfoo = new StringBuilder(
            $"description: llmop benchmark\nprompts:\n  - \"{{{{question}}}}\"\nproviders:\n  - id: openai:chat:mock-llm\n    config:\n"
            + $"      apiBaseUrl: {mockUrl}v1\n      apiKey: not-needed\nevaluateOptions:\n  maxConcurrency: {concurrency}\ntests:\n");
        for (var i = 0; i < cases; i++)
        {
            var question = Question(i);
            gate.Append(
                CultureInfo.InvariantCulture,
                $"      - id: {Id(i)}\n        vars: {{question: \"{question}\"}}\n        assert: [{{type: icontains, value: \"town{i}.\"}}]\n");
            promptfoo.Append(
                CultureInfo.InvariantCulture,
                $"  - description: {Id(i)}\n    vars: {{question: \"{question}\"}}\n    assert: [{{type: icontains, value: \"town{i}.\"}}]\n");
        }

        gate.Append(
            CultureInfo.InvariantCulture,
            $"  thresholds:\n    minPassRate: 0.8\n  comparison:\n    baseline: none\n  execution:\n    concurrency: {concurrency}\n    retries: 0\n");
        gate.Append(
            "---\napiVersion: llmoperator.io/v1alpha1\nkind: PromptVersion\nmetadata:\n  name: benchmark-v1\nspec:\n  promptName: benchmark\n"
            + "  version: 1\n  modelRef: {name: mock}\n  messages:\n    - role: user\n      content: \"{{ question }}\"\n");
        File.WriteAllText(GatePath, gate.ToString());
        File.WriteAllText(PromptfooPath, promptfoo.ToString());
    }
}
