namespace LlmOperator.Sandbox.Patching;

/// <summary>The kinds of PATCH the API server serves, chosen by the request's Content-Type.</summary>
public enum PatchType
{
    /// <summary>RFC 6902 JSON patch, <c>application/json-patch+json</c>.</summary>
    Json,

    /// <summary>RFC 7386 JSON merge patch, <c>application/merge-patch+json</c>.</summary>
    Merge,

    /// <summary>Kubernetes strategic merge patch, <c>application/strategic-merge-patch+json</c>; built-in kinds only.</summary>
    StrategicMerge,

    /// <summary>Server-side apply, <c>application/apply-patch+yaml</c>.</summary>
    Apply,
}
