using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Patching;

/// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>): null deletes, arrays replace.</summary>
internal static class MergePatch
{
    /// <summary>Applies a merge patch to a copy of a target exactly as RFC 7386 section 2 defines it.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => MergeInto(target?.DeepClone(), patch);

    /// <summary>The RFC's MergePatch(Target, Patch) on a target this patch owns and may change.</summary>
    private static JsonNode? MergeInto(JsonNode? owned, JsonNode? patch)
    {
        if (patch is not JsonObject members)
        {
            return patch?.DeepClone();
        }

        var result = owned as JsonObject ?? [];
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            var current = result[name];
            var merged = MergeInto(current, value);
            if (!ReferenceEquals(merged, current))
            {
                result[name] = merged;
            }
        }

        return result;
    }
}
