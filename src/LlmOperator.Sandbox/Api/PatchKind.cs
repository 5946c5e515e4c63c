namespace LlmOperator.Sandbox.Api;

/// <summary>The patch formats of PATCH, by content type.</summary>
public enum PatchKind
{
    /// <summary>application/json-patch+json (RFC 6902).</summary>
    Json,

    /// <summary>application/merge-patch+json (RFC 7386).</summary>
    Merge,

    /// <summary>application/strategic-merge-patch+json (built-in kinds only).</summary>
    Strategic,

    /// <summary>application/apply-patch+yaml (server-side apply).</summary>
    Apply,
}
