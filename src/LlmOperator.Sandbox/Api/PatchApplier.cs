using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Api;

/// <summary>Applies a parsed patch of any kind to an object (or, for server-side apply, to nothing).</summary>
public static class PatchApplier
{
    /// <summary>The patched object.</summary>
    public static JsonObject Apply(PatchKind kind, JsonObject? current, JsonNode? patch, ResourceType type, WriteOptions options) =>
        throw Statuses.UnsupportedMediaType(["(patching arrives with the patch engine)"]);
}
