namespace LlmOperator.Evaluation.Assertions;

/// <summary>An assertion checked and prepared for one case, ready to judge answers.</summary>
internal abstract class CompiledAssertion
{
    /// <summary>Sets what every assertion has.</summary>
    protected CompiledAssertion(AssertionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
    }

    /// <summary>The assertion as written, resolved for the case.</summary>
    public AssertionSpec Spec { get; }

    /// <summary>Judges an answer. Throws <see cref="AssertionException"/> when it cannot.</summary>
    public abstract ValueTask<AssertionOutcome> EvaluateAsync(AssertionInput input, CancellationToken cancellationToken);

    /// <summary>A pass/fail outcome, scored 1 or 0, with promptfoo's "Assertion passed" on success.</summary>
    protected AssertionOutcome Verdict(bool pass, string failure) => Scored(pass, pass ? 1 : 0, pass ? "Assertion passed" : failure);

    /// <summary>An outcome with its score clamped to [0, 1].</summary>
    protected AssertionOutcome Scored(bool pass, double score, string reason) =>
        new(Spec.TypeName, pass, double.IsNaN(score) ? 0 : Math.Clamp(score, 0, 1), reason, Spec.Weight, Spec.Metric);

    /// <summary>"not " for an inverse assertion, for reasons like "Expected output to not contain".</summary>
    protected string Not => Spec.Inverse ? "not " : "";
}
