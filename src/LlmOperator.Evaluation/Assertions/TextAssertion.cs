using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// equals, contains, icontains, contains-any, icontains-any, contains-all, icontains-all and starts-with,
/// with promptfoo's meaning: case-sensitive unless the name starts with i, values compared as their text,
/// and equals with an object or list value compared as JSON.
/// </summary>
internal sealed class TextAssertion : CompiledAssertion
{
    private readonly string? _text;
    private readonly IReadOnlyList<string>? _list;

    /// <summary>Checks the value for the type.</summary>
    public TextAssertion(AssertionSpec spec)
        : base(spec)
    {
        switch (spec.Type)
        {
            case AssertionType.EqualTo when spec.Value is JsonObject or JsonArray:
                break;
            case AssertionType.EqualTo:
                _text = AssertionValues.Scalar(spec.Value) ?? (spec.Value is JsonValue v ? v.ToJsonString() : null)
                    ?? throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" needs a value (or the case's expected)");
                break;
            case AssertionType.Contains or AssertionType.Icontains or AssertionType.StartsWith:
                _text = AssertionValues.RequireText(spec);
                break;
            case AssertionType.ContainsAny or AssertionType.IcontainsAny or AssertionType.ContainsAll or AssertionType.IcontainsAll:
                _list = AssertionValues.RequireList(spec);
                break;
            default:
                throw new ArgumentException($"{spec.Type} is not a text assertion", nameof(spec));
        }
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = input.Output;
        var inverse = Spec.Inverse;
        var outcome = Spec.Type switch
        {
            AssertionType.EqualTo when _text is null => EqualsJson(output),
            AssertionType.EqualTo => Verdict(
                string.Equals(output, _text, StringComparison.Ordinal) != inverse, $"Expected output \"{output}\" to {Not}equal \"{_text}\""),
            AssertionType.Contains => Verdict(output.Contains(_text!, StringComparison.Ordinal) != inverse, $"Expected output to {Not}contain \"{_text}\""),
            AssertionType.Icontains => Verdict(
                output.Contains(_text!, StringComparison.OrdinalIgnoreCase) != inverse, $"Expected output to {Not}contain \"{_text}\""),
            AssertionType.StartsWith => Verdict(
                output.StartsWith(_text!, StringComparison.Ordinal) != inverse, $"Expected output to {Not}start with \"{_text}\""),
            AssertionType.ContainsAny => Any(output, StringComparison.Ordinal),
            AssertionType.IcontainsAny => Any(output, StringComparison.OrdinalIgnoreCase),
            AssertionType.ContainsAll => All(output, StringComparison.Ordinal),
            _ => All(output, StringComparison.OrdinalIgnoreCase),
        };
        return ValueTask.FromResult(outcome);
    }

    private AssertionOutcome EqualsJson(string output)
    {
        var equal = AssertionValues.TryParse(output, out var parsed) && JsonNode.DeepEquals(parsed, Spec.Value);
        return Verdict(equal != Spec.Inverse, $"Expected output \"{output}\" to {Not}equal \"{Spec.Value!.ToJsonString()}\"");
    }

    private AssertionOutcome Any(string output, StringComparison comparison) =>
        Verdict(_list!.Any(v => output.Contains(v, comparison)) != Spec.Inverse, $"Expected output to {Not}contain one of \"{string.Join(", ", _list!)}\"");

    private AssertionOutcome All(string output, StringComparison comparison)
    {
        var missing = _list!.Where(v => !output.Contains(v, comparison)).ToList();
        return Verdict(
            (missing.Count == 0) != Spec.Inverse,
            $"Expected output to {Not}contain all of [{string.Join(", ", _list!)}]. Missing: [{string.Join(", ", missing)}]");
    }
}
