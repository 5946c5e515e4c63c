using System.Globalization;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// tool-call-f1, as promptfoo means it: the F1 score of the set of functions the answer called against the expected names
/// (a list, or comma-separated), at least the threshold (default 1, every expected function and no other). Precision is
/// the share of called names that were expected, recall the share of expected names that were called; order and repeats
/// do not count.
/// </summary>
internal sealed class ToolCallF1Assertion : CompiledAssertion
{
    private readonly HashSet<string> _expected;

    /// <summary>Reads the expected names; none is a configuration error.</summary>
    public ToolCallF1Assertion(AssertionSpec spec)
        : base(spec)
    {
        _expected = [.. AssertionValues.RequireList(spec).Select(n => n.Trim()).Where(n => n.Length > 0)];
        if (_expected.Count == 0)
        {
            throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" needs at least one expected tool name");
        }
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var called = input.ToolCalls.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var both = _expected.Count(called.Contains);
        var precision = called.Count > 0 ? (double)both / called.Count : 0;
        var recall = (double)both / _expected.Count;
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        var threshold = Spec.Threshold ?? 1.0;
        var pass = f1 >= threshold != Spec.Inverse;
        var names = $"Expected: [{List(_expected)}], Called: [{(called.Count == 0 ? "(none)" : List(called))}]";
        var reason = pass
            ? $"Tool Call F1: {F(f1)} (precision={F(precision)}, recall={F(recall)}). {names}"
            : $"Tool Call F1 score {F(f1)} is {(Spec.Inverse ? "above" : "below")} threshold {threshold.ToString(CultureInfo.InvariantCulture)}. {names}. " +
                $"Precision={F(precision)}, Recall={F(recall)}";
        return ValueTask.FromResult(Scored(pass, f1, reason));
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
