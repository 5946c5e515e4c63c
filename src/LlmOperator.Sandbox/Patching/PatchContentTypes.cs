namespace LlmOperator.Sandbox.Patching;

/// <summary>The Content-Type of each patch type and the 415 answer for the others.</summary>
internal static class PatchContentTypes
{
    /// <summary>The media type of a JSON patch.</summary>
    public const string JsonPatch = "application/json-patch+json";

    /// <summary>The media type of a JSON merge patch.</summary>
    public const string MergePatch = "application/merge-patch+json";

    /// <summary>The media type of a strategic merge patch.</summary>
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";

    /// <summary>The media type of a server-side apply.</summary>
    public const string ApplyPatch = "application/apply-patch+yaml";

    /// <summary>
    /// The patch type a Content-Type header names. Parameters such as <c>; charset=utf-8</c> are ignored and the
    /// rest must match exactly, as in the real API server.
    /// </summary>
    public static bool TryParse(string? contentType, out PatchType patchType)
    {
        var mediaType = contentType ?? "";
        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        if (semicolon > 0)
        {
            mediaType = mediaType[..semicolon];
        }

        (var known, patchType) = mediaType switch
        {
            JsonPatch => (true, PatchType.Json),
            MergePatch => (true, PatchType.Merge),
            StrategicMergePatch => (true, PatchType.StrategicMerge),
            ApplyPatch => (true, PatchType.Apply),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The media types a resource accepts, in the order the API server lists them.</summary>
    public static IReadOnlyList<string> Accepted(bool strategicMergeSupported) => strategicMergeSupported
        ? [JsonPatch, MergePatch, StrategicMergePatch, ApplyPatch]
        : [JsonPatch, MergePatch, ApplyPatch];

    /// <summary>The 415 refusal of a patch type the resource does not accept.</summary>
    public static PatchException Unsupported(bool strategicMergeSupported) => new(
        PatchFailure.UnsupportedMediaType,
        "the body of the request was in an unknown format - accepted media types include: " + string.Join(", ", Accepted(strategicMergeSupported)));
}
