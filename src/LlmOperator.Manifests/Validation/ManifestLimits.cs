namespace LlmOperator.Manifests.Validation;

/// <summary>Size bounds on what <c>llmop validate</c> reads.</summary>
internal static class ManifestLimits
{
    /// <summary>The largest file read; anything bigger is refused before it is read.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>The largest object etcd stores by default (its 1.5 MiB request limit); bigger objects cannot be applied.</summary>
    public const long MaxObjectBytes = 1536 * 1024;
}
