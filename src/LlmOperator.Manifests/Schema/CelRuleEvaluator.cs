using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cel;
using LlmOperator.Api.Json;

namespace LlmOperator.Manifests.Schema;

/// <summary>
/// Evaluates x-kubernetes-validations rules. Programs are compiled once per rule text and shared, since
/// the same few rules run for every object.
/// </summary>
public sealed partial class CelRuleEvaluator
{
    private readonly CelEnvironment _environment = new(null, null);
    private readonly ConcurrentDictionary<string, Lazy<CompiledRule>> _programs = new(StringComparer.Ordinal);

    /// <summary>Whether a rule compares with the previous value, so that it only applies to updates.</summary>
    public static bool IsTransitionRule(string rule) => OldSelf().IsMatch(rule);

    /// <summary>Evaluates a rule; returns null when it holds, or why it does not.</summary>
    public CelOutcome Evaluate(string rule, JsonNode? self, JsonNode? oldSelf)
    {
        var compiled = _programs.GetOrAdd(rule, r => new Lazy<CompiledRule>(() => Compile(r))).Value;
        if (compiled.Error is not null)
        {
            return CelOutcome.Broken($"the rule does not compile: {compiled.Error}");
        }

        var variables = new Dictionary<string, object?> { ["self"] = PlainValues.From(self) };
        if (oldSelf is not null)
        {
            variables["oldSelf"] = PlainValues.From(oldSelf);
        }

        try
        {
            return compiled.Program!(variables) is true ? CelOutcome.Holds : CelOutcome.Fails;
        }
        catch (CelException e)
        {
            return CelOutcome.Broken(e.Message);
        }
    }

    private CompiledRule Compile(string rule)
    {
        try
        {
            return new CompiledRule(_environment.Compile(rule), null);
        }
        catch (CelException e)
        {
            return new CompiledRule(null, e.Message);
        }
    }

    [GeneratedRegex(@"\boldSelf\b")]
    private static partial Regex OldSelf();

    private sealed record CompiledRule(CelProgramDelegate? Program, string? Error);
}
