using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Cli;
using LlmOperator.Evaluation.MockLlm;
using LlmOperator.Testing;
using Microsoft.AspNetCore.Builder;

namespace LlmOperator.Tests.Cli;

// llmop eval end to end through the command line, against mock-llm on loopback: exit codes 0 passed,
// 100 failed, 2 inconclusive, 1 error, and the report files.
public class EvalCommandTests
{
    private static (string Gate, string Answers) Write(TempDirectory folder, int cases, double minPassRate, bool dryRun = false)
    {
        var answers = new StringBuilder();
        var gate = new StringBuilder("apiVersion: llmoperator.io/v1alpha1\nkind: EvaluationGate\nmetadata:\n  name: capitals\nspec:\n  dataset:\n    cases:\n");
        for (var i = 0; i < cases; i++)
        {
            answers.Append(new JsonObject { ["input"] = $"Capital of country {i}?", ["correct"] = $"City {i}.", ["incorrect"] = "Atlantis." }.ToJsonString())
                .Append('\n');
            gate.Append(
                CultureInfo.InvariantCulture,
                $"      - id: c{i}\n        messages: [{{role: user, content: \"Capital of country {i}?\"}}]\n"
                + $"        assert: [{{type: icontains, value: \"city {i}.\"}}]\n");
        }

        gate.Append(
            CultureInfo.InvariantCulture,
            $"  thresholds:\n    minPassRate: {minPassRate}\n  comparison:\n    baseline: none\n"
            + $"  execution:\n    concurrency: 8\n    dryRun: {(dryRun ? "true" : "false")}\n");
        return (folder.Write("gate.yaml", gate.ToString()), folder.Write("answers.jsonl", answers.ToString()));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Task.Run(() => LlmopCommand.Run(args, output, error));
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartMockAsync(string answers, double quality)
    {
        var app = MockLlmServer.Build(new MockLlmOptions { Port = 0, AnswersPath = answers, Quality = quality });
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task A_passing_model_exits_0_and_writes_every_report()
    {
        using var folder = new TempDirectory();
        var (gate, answers) = Write(folder, 60, 0.8);
        await using var mock = await StartMockAsync(answers, 1.0);
        var json = Path.Combine(folder.Path, "results.json");
        var junit = Path.Combine(folder.Path, "results.xml");
        var markdown = Path.Combine(folder.Path, "summary.md");
        var html = Path.Combine(folder.Path, "report.html");

        var (code, output, error) = await RunAsync(
            "eval", "--config", gate, "--endpoint", MockLlmServer.Address(mock).ToString(), "--output", json, "--junit", junit, "--markdown", markdown,
            "--html", html);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.StartsWith("# Evaluation capitals: Passed\n\n> Passed: 60 of 60 cases passed (100.0%) and every threshold is met.\n", output);
        Assert.Equal("Passed", JsonNode.Parse(File.ReadAllText(json))!["verdict"]!["phase"]!.GetValue<string>());
        Assert.Contains("<testsuites name=\"capitals (capitals)\" tests=\"60\" failures=\"0\" errors=\"0\"", File.ReadAllText(junit));
        Assert.Equal(output, File.ReadAllText(markdown));
        var page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Evaluation capitals <span class=\"badge good\">Passed</span></h1>", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"cases\">Cases (0 of 60 did not pass)</h2>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_exits_100()
    {
        using var folder = new TempDirectory();
        var (gate, answers) = Write(folder, 60, 0.9);
        await using var mock = await StartMockAsync(answers, 0.5);

        var (code, output, _) = await RunAsync("eval", "--config", gate, "--endpoint", MockLlmServer.Address(mock).ToString(), "--model", "mock-llm");

        Assert.Equal(100, code);
        Assert.Contains("> Failed: the pass rate 50.0% (95% CI 37.7%–62.3%) over 60 cases is below the minimum pass rate 90.0%.", output);
    }

    [Fact]
    public async Task Too_few_cases_exit_2_for_inconclusive()
    {
        using var folder = new TempDirectory();
        var (gate, answers) = Write(folder, 10, 0.8);
        await using var mock = await StartMockAsync(answers, 0.9);

        var (code, output, _) = await RunAsync("eval", "--config", gate, "--endpoint", MockLlmServer.Address(mock).ToString());

        Assert.Equal(2, code);
        Assert.Contains(
            "> Inconclusive: the pass rate 90.0% (95% CI 59.6%–98.2%) over 10 cases cannot show it reaches the minimum pass rate 80.0%; "
            + "more cases are needed.",
            output);
    }

    [Fact]
    public async Task A_dry_run_gate_reports_its_verdict_and_exits_0()
    {
        using var folder = new TempDirectory();
        var (gate, answers) = Write(folder, 20, 0.9, dryRun: true);
        await using var mock = await StartMockAsync(answers, 0.0);

        var (code, output, _) = await RunAsync("eval", "--config", gate, "--endpoint", MockLlmServer.Address(mock).ToString());

        Assert.Equal(0, code);
        Assert.StartsWith("# Evaluation capitals: Failed", output);
        Assert.EndsWith("Dry run: the verdict is recorded and does not block (exit code 0 unless the run errs).\n", output);
    }

    [Fact]
    public async Task An_unreachable_endpoint_exits_1_with_the_reason()
    {
        using var folder = new TempDirectory();
        var (gate, _) = Write(folder, 5, 0.8);

        var (code, _, error) = await RunAsync("eval", "--config", gate, "--endpoint", "http://127.0.0.1:9/v1");

        Assert.Equal(1, code);
        Assert.StartsWith(
            "llmop eval: the candidate's model is not named and cannot be listed: listing models at http://127.0.0.1:9/v1/models failed: "
            + "network error: ",
            error);
    }

    // A pipeline that asks a writer and, when the draft is a known wrong answer, says it does not know.
    private const string CapitalsBot = """
        apiVersion: llmoperator.io/v1alpha1
        kind: ModelDeployment
        metadata: {name: capitals-bot}
        spec:
          engine: pipeline
          model: {name: capitals-bot}
          pipeline:
            steps:
              - name: draft
                call: {modelRef: {name: writer}}
              - name: answer
                switch:
                  - when: "steps.draft.output.startsWith('Atlantis')"
                    respond: "I do not know."
                  - call: {modelRef: {name: writer}, fallback: [{modelRef: {name: backup}}]}
            output: "{{ steps.answer.output }} ({{ steps.draft.output | size }} characters drafted)"
        """;

    [Fact]
    public async Task A_pipeline_is_judged_without_being_deployed_with_its_components_overridden()
    {
        using var folder = new TempDirectory();
        var (gate, answers) = Write(folder, 60, 0.8);
        var pipeline = folder.Write("pipeline.yaml", CapitalsBot);
        await using var good = await StartMockAsync(answers, 1.0);
        await using var bad = await StartMockAsync(answers, 0.0);
        var json = Path.Combine(folder.Path, "results.json");

        string[] Arguments(WebApplication writer) =>
        [
            "eval", "--config", gate, "--pipeline", pipeline, "--output", json,
            "--override", $"writer={MockLlmServer.Address(writer)}", "--override", "backup=http://127.0.0.1:9/v1",
        ];

        var passed = await RunAsync(Arguments(good));
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        var failed = await RunAsync(Arguments(bad));
        var answer = JsonNode.Parse(File.ReadAllText(json))!["endpoints"]![0]!["cases"]![0]!["repeats"]![0]!;

        Assert.Equal((0, ""), (passed.Code, passed.Error));
        Assert.StartsWith("# Evaluation capitals: Passed\n", passed.Output);
        Assert.Equal("pipeline:capitals-bot", report["endpoints"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("capitals-bot", report["endpoints"]![0]!["model"]!.GetValue<string>());
        Assert.Equal(100, failed.Code);
        Assert.Equal("I do not know. (9 characters drafted)", answer["output"]!.GetValue<string>());
        Assert.Equal(1, answer["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_component_candidate_is_compared_with_the_pipeline_as_it_serves_on_the_same_cases()
    {
        using var folder = new TempDirectory();
        var (gate, answers) = Write(folder, 40, 0.1);
        File.WriteAllText(gate, File.ReadAllText(gate).Replace("baseline: none", "baseline: stable", StringComparison.Ordinal));
        var pipeline = folder.Write("pipeline.yaml", CapitalsBot);
        await using var stable = await StartMockAsync(answers, 1.0);
        await using var canary = await StartMockAsync(answers, 0.5);
        var json = Path.Combine(folder.Path, "results.json");

        var (code, output, error) = await RunAsync(
            "eval", "--config", gate, "--pipeline", pipeline, "--override", $"writer={MockLlmServer.Address(canary)}",
            "--baseline-override", $"writer={MockLlmServer.Address(stable)}", "--provider", "backup=http://127.0.0.1:9/v1", "--output", json);
        var report = JsonNode.Parse(File.ReadAllText(json))!;

        Assert.Equal("", error);
        Assert.Equal(100, code);
        Assert.Contains(
            "| comparison.passRate | Failed | the pass rate changed -50.0 points against the baseline (50.0% vs 100.0% on 40 paired cases;",
            output,
            StringComparison.Ordinal);
        Assert.Equal(
            [("candidate", "pipeline:capitals-bot"), ("baseline", "pipeline:capitals-bot")],
            report["endpoints"]!.AsArray().Select(e => (e!["role"]!.GetValue<string>(), e["url"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData(
        "",
        "llmop eval: ModelDeployment \"backup\" can only be reached in a cluster; map it to a URL with --provider backup=URL "
            + "(or --override backup=URL for a pipeline's component); ModelDeployment \"writer\" can only be reached in a cluster; "
            + "map it to a URL with --provider writer=URL (or --override writer=URL for a pipeline's component)\n")]
    [InlineData(
        "startsWith('Atlantis')",
        "llmop eval: pipeline capitals-bot cannot run: spec.pipeline.steps[1].switch[0].when: the rule does not compile: ")]
    public async Task A_pipeline_that_cannot_run_exits_1_before_any_case(string breakRule, string expected)
    {
        using var folder = new TempDirectory();
        var (gate, _) = Write(folder, 5, 0.8);
        var broken = breakRule.Length == 0 ? CapitalsBot : CapitalsBot.Replace(breakRule, "startsWith(", StringComparison.Ordinal);
        var pipeline = folder.Write("pipeline.yaml", broken);
        string[] overrides = breakRule.Length == 0 ? [] : ["--override", "writer=http://127.0.0.1:9/v1", "--override", "backup=http://127.0.0.1:9/v1"];

        var (code, _, error) = await RunAsync(["eval", "--config", gate, "--pipeline", pipeline, .. overrides]);

        Assert.Equal(1, code);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataset_file_replaces_the_gates_cases_and_its_mistakes_name_their_line()
    {
        using var folder = new TempDirectory();
        var (gate, answers) = Write(folder, 30, 0.8);
        await using var mock = await StartMockAsync(answers, 1.0);
        var good = folder.Write(
            "more.jsonl",
            string.Concat(Enumerable.Range(0, 30).Select(i =>
                $"{{\"id\":\"f{i}\",\"messages\":[{{\"role\":\"user\",\"content\":\"Capital of country {i}?\"}}],"
                + $"\"assert\":[{{\"type\":\"icontains\",\"value\":\"city {i}.\"}}]}}\n")));
        var bad = folder.Write("bad.jsonl", "{\"id\":\"a\"}\n{\"id\":\"b\",\"assert\":[{\"type\":\"containz\"}]}\n");

        var (code, output, _) = await RunAsync("eval", "--config", gate, "--dataset", good, "--endpoint", MockLlmServer.Address(mock).ToString());
        var (badCode, _, error) = await RunAsync("eval", "--config", gate, "--dataset", bad, "--endpoint", MockLlmServer.Address(mock).ToString());

        Assert.Equal(0, code);
        Assert.Contains("> Passed: 30 of 30 cases passed (100.0%) and every threshold is met.", output);
        Assert.Equal(1, badCode);
        Assert.StartsWith($"llmop eval: the dataset cannot be used: {bad}:2: assert[0].type: Unsupported value: \"containz\": supported values: ", error);
    }

    [Theory]
    [InlineData(new[] { "eval" }, "llmop eval: give either --run NS/NAME or --config GATE.yaml with --endpoint URL\n")]
    [InlineData(
        new[] { "eval", "--config", "gate.yaml" },
        "llmop eval: --config needs either --endpoint URL, the OpenAI base URL of the model to evaluate, or --pipeline FILE\n")]
    [InlineData(
        new[] { "eval", "--config", "gate.yaml", "--endpoint", "http://x", "--pipeline", "p.yaml" },
        "llmop eval: --config needs either --endpoint URL, the OpenAI base URL of the model to evaluate, or --pipeline FILE\n")]
    [InlineData(
        new[] { "eval", "--config", "gate.yaml", "--endpoint", "http://x", "--override", "a=http://y" },
        "llmop eval: --override and --baseline-override replace a pipeline's components: give --pipeline FILE\n")]
    [InlineData(
        new[] { "eval", "--config", "gate.yaml", "--pipeline", "p.yaml", "--baseline", "http://x", "--baseline-override", "a=http://y" },
        "llmop eval: compare with either --baseline URL or --baseline-override NAME=URL, not both\n")]
    [InlineData(
        new[] { "eval", "--config", "gate.yaml", "--pipeline", "p.yaml", "--override", "writer" },
        "llmop eval: --override needs NAME=URL, not \"writer\"\n")]
    [InlineData(new[] { "eval", "--run", "just-a-name" }, "llmop eval: --run needs NAMESPACE/NAME, not \"just-a-name\"\n")]
    [InlineData(
        new[] { "eval", "--config", "missing.yaml", "--endpoint", "http://127.0.0.1:9" },
        "llmop eval: no such file or folder: missing.yaml\n")]
    [InlineData(
        new[] { "eval", "--config", "x.yaml", "--endpoint", "http://x", "--provider", "judge" },
        "llmop eval: --provider needs NAME=URL, not \"judge\"\n")]
    public async Task Usage_mistakes_exit_1_because_2_means_inconclusive(string[] args, string message)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(1, code);
        Assert.Equal(message, error);
    }

    [Fact]
    public async Task Mock_llm_refuses_bad_options()
    {
        var (code, _, error) = await RunAsync("mock-llm", "--port", "0", "--quality", "2");

        Assert.Equal(1, code);
        Assert.Equal(
            "llmop mock-llm: DataAnnotation validation failed for 'MockLlmOptions' members: "
            + "'Quality' with the error: 'The field Quality must be between 0 and 1.'.\n",
            error);
    }
}
