namespace LlmOperator.Manifests.Validation;

/// <summary>The findings of validating a set of manifests.</summary>
/// <param name="Diagnostics">Every finding, in file and line order.</param>
/// <param name="Files">How many files were read.</param>
/// <param name="Objects">How many objects of our kinds were validated.</param>
public sealed record ValidationReport(IReadOnlyList<Diagnostic> Diagnostics, int Files, int Objects)
{
    /// <summary>How many findings fail validation.</summary>
    public int ErrorCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Whether every manifest is valid.</summary>
    public bool IsValid => ErrorCount == 0;
}
