namespace LlmOperator.Sandbox.Patching;

/// <summary>The parameters of one server-side apply request.</summary>
internal sealed record ApplyOptions
{
    /// <summary>The <c>fieldManager</c> query parameter; required for apply.</summary>
    public required string FieldManager { get; init; }

    /// <summary>The group/version of the request path, for example <c>apps/v1</c>; the configuration must name it.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>The time recorded in the manager's <c>managedFields</c> entry when the object changes.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The <c>force</c> query parameter: take fields over from other managers instead of conflicting.</summary>
    public bool Force { get; init; }

    /// <summary>The subresource applied to (for example <c>status</c>), recorded in the entry; null for the main resource.</summary>
    public string? Subresource { get; init; }

    /// <summary>
    /// Top-level fields this request may not change, ignored in the configuration and never owned: <c>status</c>
    /// on the main resource of a kind with a status subresource, or everything but <c>status</c> (and metadata)
    /// on the status subresource.
    /// </summary>
    public IReadOnlyCollection<string> IgnoredFields { get; init; } = [];
}
