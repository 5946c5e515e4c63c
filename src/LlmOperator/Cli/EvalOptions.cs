using System.CommandLine;

namespace LlmOperator.Cli;

/// <summary>The options of <c>llmop eval</c>.</summary>
internal sealed class EvalOptions
{
    private readonly Option<string?> _run = new("--run")
    {
        Description = "Run the EvaluationRun NAMESPACE/NAME as its Job (reads it and reports in its results ConfigMap).",
    };
    private readonly Option<int?> _attempt = new("--attempt")
    {
        Description = "With --run: the attempt this Job runs, as the operator numbers them (default: the one the run's status records).",
    };
    private readonly Option<string?> _kubeconfig = new("--kubeconfig")
    {
        Description = "Kubeconfig for --run outside a cluster (default: in-cluster, else ~/.kube/config).",
    };
    private readonly Option<string[]> _config = new("--config", "-c")
    {
        Description = "YAML files or folders with the EvaluationGate, and the PromptVersions and ConfigMaps it refers to (repeatable).",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string?> _gate = new("--gate") { Description = "The gate to run when the files define several." };
    private readonly Option<string?> _dataset = new("--dataset")
    {
        Description = "A JSONL file of cases to run instead of the gate's dataset (the gate's sha256 still applies).",
    };
    private readonly Option<string?> _endpoint = new("--endpoint", "-e")
    {
        Description = "OpenAI base URL of the model under test, for example http://127.0.0.1:8000/v1.",
    };
    private readonly Option<string?> _pipeline = new("--pipeline")
    {
        Description = "A file with a ModelDeployment of engine pipeline to execute here and judge, instead of --endpoint.",
    };
    private readonly Option<string[]> _override = new("--override")
    {
        Description = "NAME=URL: call the pipeline's component NAME at this OpenAI base URL (repeatable).",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string[]> _baselineOverride = new("--baseline-override")
    {
        Description = "NAME=URL: compare with the same pipeline calling component NAME here instead (repeatable), paired on the same cases.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string?> _model = new("--model", "-m") { Description = "Model to request (default: the first one /v1/models lists)." };
    private readonly Option<string?> _baseline = new("--baseline") { Description = "OpenAI base URL of the baseline to compare with on the same cases." };
    private readonly Option<string?> _baselineModel = new("--baseline-model")
    {
        Description = "Model to request from the baseline (default: its first listed).",
    };
    private readonly Option<int?> _promptVersion = new("--prompt-version")
    {
        Description = "Prompt version rendering the candidate's cases (default: the highest in the files).",
    };
    private readonly Option<int?> _baselinePromptVersion = new("--baseline-prompt-version")
    {
        Description = "Prompt version rendering the baseline's cases (default: the highest in the files).",
    };
    private readonly Option<string?> _grader = new("--grader")
    {
        Description = "OpenAI base URL of the model for similar and llm-rubric assertions that name no provider.",
    };
    private readonly Option<string[]> _provider = new("--provider")
    {
        Description = "NAME=URL: the endpoint of a ModelDeployment that an assertion's provider.modelRef names (repeatable).",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string> _apiKeyEnv = new("--api-key-env")
    {
        Description = "Environment variable holding the endpoints' API key, if they need one.",
        DefaultValueFactory = _ => "OPENAI_API_KEY",
    };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of case order and bootstrap resampling.", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> _output = new("--output", "-o") { Description = "Write the JSON results to this file." };
    private readonly Option<string?> _junit = new("--junit") { Description = "Write JUnit XML to this file." };
    private readonly Option<string?> _markdown = new("--markdown") { Description = "Write the Markdown summary to this file." };
    private readonly Option<string?> _html = new("--html")
    {
        Description = "Write the run as one self-contained HTML page (figures, comparison, every case with both answers) to this file.",
    };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Log progress and retries." };

    public IEnumerable<Option> All =>
    [
        _run, _attempt, _kubeconfig, _config, _gate, _dataset, _endpoint, _pipeline, _override, _baselineOverride, _model, _baseline, _baselineModel,
        _promptVersion, _baselinePromptVersion,
        _grader, _provider, _apiKeyEnv, _seed, _output, _junit, _markdown, _html, _verbose,
    ];

    public EvalArguments Read(ParseResult parsed) => new(
        parsed.GetValue(_run),
        parsed.GetValue(_attempt),
        parsed.GetValue(_kubeconfig),
        parsed.GetValue(_config) ?? [],
        parsed.GetValue(_gate),
        parsed.GetValue(_dataset),
        parsed.GetValue(_endpoint),
        parsed.GetValue(_pipeline),
        Pairs(parsed.GetValue(_override) ?? [], "--override"),
        Pairs(parsed.GetValue(_baselineOverride) ?? [], "--baseline-override"),
        parsed.GetValue(_model),
        parsed.GetValue(_baseline),
        parsed.GetValue(_baselineModel),
        parsed.GetValue(_promptVersion),
        parsed.GetValue(_baselinePromptVersion),
        parsed.GetValue(_grader),
        Pairs(parsed.GetValue(_provider) ?? [], "--provider"),
        parsed.GetValue(_apiKeyEnv)!,
        parsed.GetValue(_seed),
        parsed.GetValue(_output),
        parsed.GetValue(_junit),
        parsed.GetValue(_markdown),
        parsed.GetValue(_html),
        parsed.GetValue(_verbose));

    private static Dictionary<string, string> Pairs(string[] pairs, string option)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new ArgumentException($"{option} needs NAME=URL, not \"{pair}\"");
            }

            map[pair[..equals]] = pair[(equals + 1)..];
        }

        return map;
    }
}

/// <summary>What <c>llmop eval</c> was asked to do.</summary>
internal sealed record EvalArguments(
    string? Run,
    int? Attempt,
    string? Kubeconfig,
    IReadOnlyList<string> Configs,
    string? Gate,
    string? Dataset,
    string? Endpoint,
    string? Pipeline,
    IReadOnlyDictionary<string, string> Overrides,
    IReadOnlyDictionary<string, string> BaselineOverrides,
    string? Model,
    string? Baseline,
    string? BaselineModel,
    int? PromptVersion,
    int? BaselinePromptVersion,
    string? Grader,
    IReadOnlyDictionary<string, string> Providers,
    string ApiKeyEnvironment,
    long Seed,
    string? Output,
    string? JUnit,
    string? Markdown,
    string? Html,
    bool Verbose);
