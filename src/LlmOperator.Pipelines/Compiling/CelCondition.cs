using Cel;
using LlmOperator.Pipelines.Execution;

namespace LlmOperator.Pipelines.Compiling;

/// <summary>A compiled CEL rule of a pipeline (a switch case's when, a call's unless), evaluated per request.</summary>
public sealed class CelCondition
{
    private static readonly CelEnvironment Environment = new(null, null);
    private readonly CelProgramDelegate _program;

    private CelCondition(string rule, string path, CelProgramDelegate program)
    {
        Rule = rule;
        Path = path;
        _program = program;
    }

    /// <summary>The rule as written.</summary>
    public string Rule { get; }

    /// <summary>Where the rule is written, for example spec.pipeline.steps[1].switch[0].when.</summary>
    public string Path { get; }

    /// <summary>Compiles a rule, or returns why it does not compile.</summary>
    public static CelCondition? TryCompile(string rule, string path, out string? error)
    {
        try
        {
            error = null;
            return new CelCondition(rule, path, Environment.Compile(rule));
        }
        catch (CelException e)
        {
            error = $"{path}: the rule does not compile: {e.Message}";
            return null;
        }
    }

    /// <summary>Whether the rule holds for the variables; a rule that fails or gives no bool is a <see cref="PipelineExecutionException"/>.</summary>
    public bool Holds(IDictionary<string, object?> variables)
    {
        object? result;
        try
        {
            result = _program(variables);
        }
        catch (CelException e)
        {
            throw new PipelineExecutionException($"{Path}: the rule {Rule} fails: {e.Message}");
        }

        return result as bool? ?? throw new PipelineExecutionException($"{Path}: the rule {Rule} gives {result ?? "null"}, not true or false");
    }
}
