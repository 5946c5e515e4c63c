namespace LlmOperator.Manifests.Validation;

/// <summary>
/// One finding about a manifest, printed as <c>file:line: Kind/name: .spec.path: message</c> so that
/// editors and CI annotate the right line.
/// </summary>
/// <param name="File">The file, as the user named it.</param>
/// <param name="Line">The line from 1, or null for a finding about the whole file.</param>
/// <param name="Subject">The object (Kind/name) or document (document N), or null for the whole file.</param>
/// <param name="Path">The field's path without its leading dot, or null.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Severity">Whether it fails validation.</param>
public sealed record Diagnostic(string File, int? Line, string? Subject, string? Path, string Message, DiagnosticSeverity Severity)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var location = Line is { } line ? $"{File}:{line}" : File;
        var subject = Subject is null ? "" : $" {Subject}:";
        var path = string.IsNullOrEmpty(Path) ? "" : $" .{Path}:";
        return $"{location}:{subject}{path} {Message}";
    }
}
