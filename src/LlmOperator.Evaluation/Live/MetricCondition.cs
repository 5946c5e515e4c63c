using Cel;

namespace LlmOperator.Evaluation.Live;

/// <summary>
/// A metric's successCondition or failureCondition: a CEL expression over <c>result</c> (a number, or the
/// list of a range query's values), compiled once and evaluated per measurement.
/// </summary>
public sealed class MetricCondition
{
    private static readonly CelEnvironment Environment = new(null, null);
    private readonly CelProgramDelegate _program;

    private MetricCondition(string where, string expression, CelProgramDelegate program)
    {
        Where = where;
        Expression = expression;
        _program = program;
    }

    /// <summary>Where the condition is written, for example "metric ttft successCondition".</summary>
    public string Where { get; }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>Compiles a condition; one that does not compile is a <see cref="FormatException"/> that says where and why.</summary>
    public static MetricCondition Compile(string expression, string where)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return new MetricCondition(where, expression, Environment.Compile(expression));
        }
        catch (CelException e)
        {
            throw new FormatException($"{where} {expression} does not compile: {e.Message}", e);
        }
    }

    /// <summary>
    /// Whether the condition holds for <paramref name="result"/>; one that fails or gives no bool is an <see cref="InvalidOperationException"/>.
    /// </summary>
    public bool Holds(object result)
    {
        object? value;
        try
        {
            value = _program(new Dictionary<string, object?>(StringComparer.Ordinal) { ["result"] = result });
        }
        catch (CelException e)
        {
            throw new InvalidOperationException($"{Where} {Expression} fails on result = {MeasuredValue.Format(result)}: {e.Message}", e);
        }

        return value as bool? ?? throw new InvalidOperationException(
            $"{Where} {Expression} gives {MeasuredValue.Format(value)} for result = {MeasuredValue.Format(result)}, not true or false");
    }
}
