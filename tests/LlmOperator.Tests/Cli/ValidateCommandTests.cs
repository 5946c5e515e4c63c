using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private const string Model = """
        apiVersion: llmoperator.io/v1alpha1
        kind: ModelDeployment
        metadata:
          name: llama
        spec:
          model:
            name: meta-llama/Llama-3.1-8B-Instruct
          engine: vllm
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (int ExitCode, string Output, string Error) Validate(string file, string yaml)
    {
        var path = _dir.Write(file, yaml);
        return CommandLine.Run("validate", path);
    }

    private string[] Findings(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SkipLast(1)
            .Select(l => l.Replace(_dir.Path + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))];

    [Fact]
    public void The_samples_are_valid()
    {
        var (code, output, error) = CommandLine.Run("validate", RepositoryPaths.Combine("config", "samples"));

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var files = Directory.GetFiles(RepositoryPaths.Combine("config", "samples"), "*.yaml", SearchOption.AllDirectories).Length;
        Assert.Matches($@"0 errors in \d+ objects from {files} files\n$", output);
        Assert.Contains("ConfigMap/support-regression-cases: skipped: v1 ConfigMap is not a kind llmop validates", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_YAML_is_reported_at_its_line()
    {
        var (code, output, _) = Validate("bad.yaml", Model + "\n  replicas: [1, 2\n");

        Assert.Equal(1, code);
        Assert.Equal(["bad.yaml:10: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"], Findings(output));
    }

    [Fact]
    public void A_YAML_alias_bomb_is_refused()
    {
        var lines = new List<string>
        {
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: lol}",
            "data:",
            "  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
        };
        for (var i = 1; i <= 9; i++)
        {
            lines.Add($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        }

        var (code, output, _) = Validate("bomb.yaml", string.Join('\n', lines));

        Assert.Equal(1, code);
        Assert.Equal(["bomb.yaml:10: invalid YAML: excessive aliasing: aliases expand to more than 100000 values"], Findings(output));
    }

    [Fact]
    public void A_50_MB_file_is_refused_without_being_read()
    {
        var path = Path.Combine(_dir.Path, "huge.yaml");
        using (var file = File.Create(path))
        {
            file.SetLength(50L * 1024 * 1024);
        }

        var (code, output, _) = CommandLine.Run("validate", path);

        Assert.Equal(1, code);
        Assert.Equal(["huge.yaml: file is 50.0 MiB, larger than the 16.0 MiB limit"], Findings(output));
    }

    [Fact]
    public void A_document_without_kind_is_an_error()
    {
        var (code, output, _) = Validate("nokind.yaml", "apiVersion: llmoperator.io/v1alpha1\nmetadata:\n  name: x\n");

        Assert.Equal(1, code);
        Assert.Equal(["nokind.yaml:1: document 1: .kind: Required value: every Kubernetes object needs apiVersion and kind"], Findings(output));
    }

    [Fact]
    public void Wrong_types_are_named_with_the_expected_type()
    {
        var (code, output, _) = Validate("types.yaml", Model + "\n  replicas: three\n  args: --max-model-len=8192\n");

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "types.yaml:9: ModelDeployment/llama: .spec.replicas: Invalid value: \"three\": must be of type integer",
            "types.yaml:10: ModelDeployment/llama: .spec.args: Invalid value: \"--max-model-len=8192\": must be of type array",
        ], Findings(output));
    }

    [Fact]
    public void Unknown_fields_are_errors_with_a_suggestion()
    {
        var (code, output, _) = Validate("unknown.yaml", Model + "\n  replica: 2\n  gpuCount: 1\n");

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "unknown.yaml:9: ModelDeployment/llama: .spec.replica: Unknown field: not declared in the schema; did you mean \"replicas\"?",
            "unknown.yaml:10: ModelDeployment/llama: .spec.gpuCount: Unknown field: not declared in the schema",
        ], Findings(output));
    }

    [Fact]
    public void A_weight_of_150_is_out_of_range()
    {
        var (code, output, _) = Validate("weight.yaml", Model + "\n  rollout:\n    steps:\n      - setWeight: 10\n      - setWeight: 150\n");

        Assert.Equal(1, code);
        Assert.Equal(
            ["weight.yaml:12: ModelDeployment/llama: .spec.rollout.steps[1].setWeight: Invalid value: 150: must be less than or equal to 100"],
            Findings(output));
    }

    [Fact]
    public void A_step_with_two_actions_breaks_the_one_action_rule()
    {
        var (code, output, _) = Validate("step.yaml", Model + "\n  rollout:\n    steps:\n      - setWeight: 10\n        pause: {duration: 5m}\n");

        Assert.Equal(1, code);
        Assert.Equal(
            [
                "step.yaml:11: ModelDeployment/llama: .spec.rollout.steps[0]: Invalid value: \"object\": "
                + "each rollout step must set exactly one of setWeight, pause, evaluate, setCanaryScale",
            ],
            Findings(output));
    }

    [Fact]
    public void An_empty_messages_list_and_a_non_integer_version_are_rejected()
    {
        const string prompt = """
            apiVersion: llmoperator.io/v1alpha1
            kind: PromptVersion
            metadata:
              name: answer-v2
            spec:
              promptName: answer
              version: "2"
              modelRef: {name: llama}
              messages: []
            ---
            apiVersion: llmoperator.io/v1alpha1
            kind: PromptVersion
            metadata:
              name: answer-v3
            spec:
              promptName: answer
              version: 2.5
              modelRef: {name: llama}
              messages:
                - role: user
                  content: "{{ question }}"
            """;

        var (code, output, _) = Validate("prompts.yaml", prompt);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "prompts.yaml:7: PromptVersion/answer-v2: .spec.version: Invalid value: \"2\": must be of type integer",
            "prompts.yaml:9: PromptVersion/answer-v2: .spec.messages: Invalid value: 0: must have at least 1 item",
            "prompts.yaml:17: PromptVersion/answer-v3: .spec.version: Invalid value: 2.5: must be of type integer",
        ], Findings(output));
    }

    [Fact]
    public void Cross_file_checks_find_what_a_pipeline_calls_that_no_file_defines_and_pipelines_that_call_themselves()
    {
        _dir.Write("models/llama.yaml", Model);
        _dir.Write("apps/support-bot.yaml", """
            apiVersion: llmoperator.io/v1alpha1
            kind: ModelDeployment
            metadata: {name: support-bot}
            spec:
              engine: pipeline
              model: {name: support-bot}
              pipeline:
                steps:
                  - name: guard
                    call: {modelRef: {name: guard-llm}, promptRef: {name: guard-check}}
                  - name: answer
                    switch:
                      - {when: "steps.guard.output == 'unsafe'", respond: "No."}
                      - call: {modelRef: {name: llama}, fallback: [{modelRef: {name: helper}}]}
            ---
            apiVersion: llmoperator.io/v1alpha1
            kind: ModelDeployment
            metadata: {name: helper}
            spec:
              engine: pipeline
              model: {name: helper}
              pipeline:
                steps:
                  - name: again
                    ensemble:
                      combine: vote
                      calls: [{modelRef: {name: llama}}, {modelRef: {name: support-bot}}]
            """);

        var (code, output, _) = CommandLine.Run("validate", _dir.Path);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "apps/support-bot.yaml:7: ModelDeployment/support-bot: .spec.pipeline: Invalid value: \"object\": "
                + "the pipeline calls itself: support-bot -> helper -> support-bot",
            "apps/support-bot.yaml:10: ModelDeployment/support-bot: .spec.pipeline.steps[0].call.modelRef.name: Not found: \"guard-llm\": "
                + "no ModelDeployment named \"guard-llm\" is defined in these files",
            "apps/support-bot.yaml:10: ModelDeployment/support-bot: .spec.pipeline.steps[0].call.promptRef.name: Not found: \"guard-check\": "
                + "no PromptVersion of prompt \"guard-check\" is defined in these files",
            "apps/support-bot.yaml:22: ModelDeployment/helper: .spec.pipeline: Invalid value: \"object\": "
                + "the pipeline calls itself: helper -> support-bot -> helper",
        ], Findings(output));
    }

    [Fact]
    public void Cross_file_checks_find_missing_gates_and_duplicate_prompt_versions()
    {
        _dir.Write("model.yaml", Model + "\n  rollout:\n    steps:\n      - evaluate:\n          gates: [quality, safety]\n");
        _dir.Write(
            "gates/quality.yaml",
            "apiVersion: llmoperator.io/v1alpha1\nkind: EvaluationGate\nmetadata:\n  name: quality\nspec:\n  dataset:\n    cases: [{id: a}]\n");
        const string prompt = "apiVersion: llmoperator.io/v1alpha1\nkind: PromptVersion\nmetadata:\n  name: {0}\nspec:\n  promptName: answer\n"
            + "  version: 1\n  modelRef: {{name: llama}}\n  messages: [{{role: user, content: hi}}]\n";
        _dir.Write("prompts/a.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, prompt, "answer-v1"));
        _dir.Write("prompts/b.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, prompt, "answer-v1-copy") + "---\n" + Model);

        var (code, output, _) = CommandLine.Run("validate", _dir.Path);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "model.yaml:12: ModelDeployment/llama: .spec.rollout.steps[0].evaluate.gates[1]: Not found: \"safety\": "
            + "no EvaluationGate named \"safety\" is defined in these files",
            "prompts/b.yaml:7: PromptVersion/answer-v1-copy: .spec.version: Duplicate value: 1: "
            + "prompt \"answer\" version 1 is also defined by PromptVersion/answer-v1 at prompts/a.yaml:1",
            "prompts/b.yaml:14: ModelDeployment/llama: .metadata.name: Duplicate value: \"llama\": ModelDeployment/llama is also defined at model.yaml:1",
        ], Findings(output));
        Assert.EndsWith("3 errors in 5 objects from 4 files\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fallback_that_no_file_defines_or_that_is_the_model_itself_is_an_error_and_onDrift_fallback_needs_one()
    {
        const string schedule = "\n  evaluation:\n    schedule: \"0 * * * *\"\n    gates: [quality]\n    onDrift: fallback\n";
        _dir.Write(
            "gates/quality.yaml",
            "apiVersion: llmoperator.io/v1alpha1\nkind: EvaluationGate\nmetadata:\n  name: quality\nspec:\n  dataset:\n    cases: [{id: a}]\n");
        _dir.Write("llama.yaml", Model + schedule + "  fallback:\n    modelRef: {name: llama-snapshot}\n");
        _dir.Write(
            "self.yaml", Model.Replace("name: llama\n", "name: gpt\n", StringComparison.Ordinal) + schedule + "  fallback:\n    modelRef: {name: gpt}\n");
        _dir.Write("none.yaml", Model.Replace("name: llama\n", "name: qwen\n", StringComparison.Ordinal) + schedule);

        var (code, output, _) = CommandLine.Run("validate", _dir.Path);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "llama.yaml:14: ModelDeployment/llama: .spec.fallback.modelRef.name: Not found: \"llama-snapshot\": "
            + "no ModelDeployment named \"llama-snapshot\" is defined in these files",
            "none.yaml:12: ModelDeployment/qwen: .spec.evaluation.onDrift: Invalid value: \"object\": "
            + "spec.evaluation.onDrift fallback needs spec.fallback.modelRef: the ModelDeployment to serve while this one is drifted",
            "self.yaml:14: ModelDeployment/gpt: .spec.fallback.modelRef.name: Invalid value: \"gpt\": a ModelDeployment cannot be its own fallback",
        ], Findings(output));
    }

    [Fact]
    public void Other_kinds_are_skipped_with_a_note_that_quiet_hides()
    {
        var path = _dir.Write("mixed.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\n" + Model);

        var (code, output, _) = CommandLine.Run("validate", path);
        var quiet = CommandLine.Run("validate", "--quiet", path);

        Assert.Equal(0, code);
        Assert.Equal(["mixed.yaml:1: Deployment/web: skipped: apps/v1 Deployment is not a kind llmop validates"], Findings(output));
        Assert.Equal("0 errors in 1 object from 1 file\n", quiet.Output);
    }

    [Fact]
    public void A_wrong_version_or_kind_of_ours_is_an_error()
    {
        var (code, output, _) = Validate(
            "kinds.yaml",
            Model.Replace("v1alpha1", "v1", StringComparison.Ordinal) + "\n---\n" + Model.Replace("ModelDeployment", "ModelDeploy", StringComparison.Ordinal));

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "kinds.yaml:1: ModelDeployment/llama: .apiVersion: Unsupported value: \"llmoperator.io/v1\": supported values: \"llmoperator.io/v1alpha1\"",
            "kinds.yaml:11: ModelDeploy/llama: .kind: Unsupported value: \"ModelDeploy\": "
            + "supported values: \"ModelDeployment\", \"PromptVersion\", \"EvaluationGate\", \"EvaluationRun\"; did you mean \"ModelDeployment\"?",
        ], Findings(output));
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_and_a_bad_name_are_errors()
    {
        var (code, output, _) = Validate("odd.yaml", "- just\n- a list\n---\n" + Model.Replace("name: llama", "name: Llama_3", StringComparison.Ordinal));

        Assert.Equal(1, code);
        var findings = Findings(output);
        Assert.Equal("odd.yaml:1: document 1: must be a mapping of fields (an object), not an array", findings[0]);
        Assert.StartsWith(
            "odd.yaml:7: ModelDeployment/Llama_3: .metadata.name: Invalid value: \"Llama_3\": a lowercase RFC 1123 subdomain",
            findings[1],
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_larger_than_etcd_stores_is_an_error()
    {
        var big = new string('x', 60_000);
        var cases = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"      - id: c{i}\n        expected: {big}"));

        var (code, output, _) = Validate(
            "big.yaml", $"apiVersion: llmoperator.io/v1alpha1\nkind: EvaluationGate\nmetadata:\n  name: big\nspec:\n  dataset:\n    cases:\n{cases}\n");

        Assert.Equal(1, code);
        Assert.Equal(["big.yaml:1: EvaluationGate/big: object is 1.7 MiB as JSON; the API server stores at most 1.5 MiB"], Findings(output));
    }

    [Theory]
    [InlineData(new string[] { "validate" }, "llmop: Required argument missing for command: 'validate'.")]
    [InlineData(new string[] { "frobnicate" }, "llmop: Unrecognized command or argument 'frobnicate'.")]
    [InlineData(new string[] { "crds", "--output" }, "llmop: Required argument missing for option: '--output'.")]
    public void Usage_errors_exit_with_2(string[] args, string message)
    {
        var (code, _, error) = CommandLine.Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error.Split('\n'));
        Assert.EndsWith("Run 'llmop --help' for usage.\n", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_or_a_folder_without_YAML_is_a_usage_error()
    {
        var missing = CommandLine.Run("validate", Path.Combine(_dir.Path, "nope"));
        var empty = CommandLine.Run("validate", _dir.Path);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"llmop validate: no such file or folder: {Path.Combine(_dir.Path, "nope")}\n", missing.Error);
        Assert.Equal(2, empty.ExitCode);
        Assert.Equal($"llmop validate: no *.yaml or *.yml files in {_dir.Path}\n", empty.Error);
    }
}
