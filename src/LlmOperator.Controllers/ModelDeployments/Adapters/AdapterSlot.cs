namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// A name an adapter is served under on a pod: its own (the version that serves) or its canary name (the
/// version being judged). Each slot of a pod is recorded in an annotation of the pod, named after it.
/// </summary>
/// <param name="Adapter">The adapter (spec.adapters[].name).</param>
/// <param name="Canary">Whether this is the canary name.</param>
internal sealed record AdapterSlot(string Adapter, bool Canary)
{
    /// <summary>The annotation prefix of the slots under an adapter's own name.</summary>
    public const string StablePrefix = "adapter.llmoperator.io/";

    /// <summary>The annotation prefix of the slots under an adapter's canary name.</summary>
    public const string CanaryPrefix = "canary.adapter.llmoperator.io/";

    /// <summary>The model name clients send for it: the adapter's name, or that name with :canary.</summary>
    public string ServedName => Canary ? CanaryName(Adapter) : Adapter;

    /// <summary>The annotation that records what a pod has loaded in this slot.</summary>
    public string AnnotationKey => (Canary ? CanaryPrefix : StablePrefix) + Adapter;

    /// <summary>The model name a candidate version of <paramref name="adapter"/> answers to while it is judged.</summary>
    public static string CanaryName(string adapter) => adapter + ":canary";

    /// <summary>The slot an annotation of a pod records, or null for an annotation that records none.</summary>
    public static AdapterSlot? FromAnnotation(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(CanaryPrefix, StringComparison.Ordinal) ? new AdapterSlot(key[CanaryPrefix.Length..], Canary: true)
            : key.StartsWith(StablePrefix, StringComparison.Ordinal) ? new AdapterSlot(key[StablePrefix.Length..], Canary: false)
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => ServedName;
}
