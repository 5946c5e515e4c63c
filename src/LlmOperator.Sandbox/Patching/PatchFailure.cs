namespace LlmOperator.Sandbox.Patching;

/// <summary>Why a patch was refused; each maps to the HTTP status the real API server answers with.</summary>
internal enum PatchFailure
{
    /// <summary>The patch itself is malformed: 400 BadRequest.</summary>
    Malformed,

    /// <summary>The patch is well formed but does not apply to the object: 422 Invalid.</summary>
    NotApplicable,

    /// <summary>Server-side apply found fields owned by other managers: 409 Conflict.</summary>
    Conflict,

    /// <summary>The patch type is not served for the resource (strategic merge on a custom resource): 415.</summary>
    UnsupportedMediaType,
}
