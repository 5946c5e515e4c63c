using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>regex: the answer matches the pattern somewhere. Matching runs under a timeout, so a catastrophic pattern is an error, not a hang.</summary>
internal sealed class RegexAssertion : CompiledAssertion
{
    private static readonly ConcurrentDictionary<(string, TimeSpan), Regex> Compiled = new();
    private readonly Regex _regex;

    /// <summary>Compiles the pattern; an invalid one is a configuration error.</summary>
    public RegexAssertion(AssertionSpec spec, TimeSpan timeout)
        : base(spec)
    {
        var pattern = AssertionValues.Scalar(spec.Value);
        if (string.IsNullOrEmpty(pattern))
        {
            throw new AssertionConfigurationException($"{spec.Where}: \"{spec.TypeName}\" needs a pattern");
        }

        try
        {
            _regex = Compiled.GetOrAdd((pattern, timeout), key => new Regex(key.Item1, RegexOptions.CultureInvariant, key.Item2));
        }
        catch (ArgumentException e)
        {
            throw new AssertionConfigurationException($"{spec.Where}: invalid regex \"{pattern}\": {e.Message}");
        }
    }

    /// <inheritdoc />
    public override ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool match;
        try
        {
            match = _regex.IsMatch(input.Output);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new AssertionException(
                $"{Spec.Where}: regex \"{_regex}\" did not finish within {_regex.MatchTimeout.TotalMilliseconds:0} ms " +
                $"on an answer of {input.Output.Length} characters (catastrophic backtracking?)");
        }

        return ValueTask.FromResult(Verdict(match != Spec.Inverse, $"Expected output to {Not}match regex \"{_regex}\""));
    }
}
