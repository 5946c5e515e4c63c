using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Cel;

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

    /// <summary>Evaluates a rule; a node's rules share its <paramref name="variables"/>.</summary>
    public CelOutcome Evaluate(string rule, CelVariableDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var compiled = _programs.GetOrAdd(rule, r => new Lazy<CompiledRule>(() => Compile(r))).Value;
        if (compiled.Error is not null)
        {
            return CelOutcome.Broken($"the rule does not compile: {compiled.Error}");
        }

        try
        {
            return compiled.Program!(compiled.RebindsVariable ? variables.WithoutFieldPaths : variables) is true ? CelOutcome.Holds : CelOutcome.Fails;
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
            return new CompiledRule(_environment.Compile(rule), null, MacroOverVariable().IsMatch(rule));
        }
        catch (CelException e)
        {
            return new CompiledRule(null, e.Message, false);
        }
    }

    [GeneratedRegex(@"\boldSelf\b")]
    private static partial Regex OldSelf();

    // A macro whose item variable is named self or oldSelf: all(self, ...), map(oldSelf, ...) and the like.
    [GeneratedRegex(@"\b(all|exists|exists_one|map|filter)\s*\(\s*(self|oldSelf)\s*,")]
    private static partial Regex MacroOverVariable();

    private sealed record CompiledRule(CelProgramDelegate? Program, string? Error, bool RebindsVariable);
}
