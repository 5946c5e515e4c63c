namespace LlmOperator.Manifests.Validation;

/// <summary>Whether a finding fails validation.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Information, for example a document of a kind that is not ours and was skipped.</summary>
    Note,

    /// <summary>The manifest would be rejected, or would not work.</summary>
    Error,
}
