using System.Text.Json.Nodes;
using LlmOperator.Api.Json;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// The PATCH handler's entry point for JSON, merge and strategic merge patches: applies the patch to a copy of
/// a stored object with the API server's rules on top of the RFCs (the result must stay an object; strategic
/// merge is served for built-in kinds only).
/// </summary>
internal static class ObjectPatcher
{
    /// <summary>
    /// Patches a copy of <paramref name="live"/>, whose <c>apiVersion</c> and <c>kind</c> choose the merge rules.
    /// Server-side apply is not a patch of this kind: use <see cref="ServerSideApply"/>.
    /// </summary>
    public static JsonObject Patch(PatchType type, JsonObject live, JsonNode? patch)
    {
        ArgumentNullException.ThrowIfNull(live);
        switch (type)
        {
            case PatchType.Json:
                return RequireObject(JsonPatch.Apply(live, patch));
            case PatchType.Merge:
                // As the API server's JSON library: a body that is neither an object nor an array is no merge patch.
                return patch is JsonObject or JsonArray
                    ? RequireObject(MergePatch.Apply(live, patch))
                    : throw PatchException.Malformed("Invalid JSON Patch");
            case PatchType.StrategicMerge:
                var apiVersion = JsonKinds.IsString(live["apiVersion"]) ? live["apiVersion"]!.GetValue<string>() : "";
                var kind = JsonKinds.IsString(live["kind"]) ? live["kind"]!.GetValue<string>() : "";
                return BuiltInMergeRules.TryGet(apiVersion, kind, out var rules)
                    ? StrategicMergePatch.Apply(live, patch, rules)
                    : throw PatchContentTypes.Unsupported(strategicMergeSupported: false);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Server-side apply goes through ServerSideApply.Apply.");
        }
    }

    private static JsonObject RequireObject(JsonNode? patched) => patched as JsonObject
        ?? throw PatchException.NotApplicable(
            $"\"\" is invalid: patch: Invalid value: \"{patched?.ToJsonString() ?? "null"}\": {GoText.CannotUnmarshal(patched, "map[string]interface {}")}");
}
