using System.Text.Json.Nodes;

namespace LlmOperator.Manifests.Yaml;

/// <summary>One YAML document as JSON, with the line where each field was written.</summary>
public sealed class YamlDocument(int index, JsonNode? root, int startLine, long length, IReadOnlyDictionary<string, int> lines)
{
    /// <summary>The document's position in its stream, from 1.</summary>
    public int Index { get; } = index;

    /// <summary>The document's content; null for an empty document.</summary>
    public JsonNode? Root { get; } = root;

    /// <summary>The line (from 1) where the document's content starts.</summary>
    public int StartLine { get; } = startLine;

    /// <summary>The document's length in characters.</summary>
    public long Length { get; } = length;

    /// <summary>
    /// The line of a field given as a path like <c>spec.rollout.steps[0].setWeight</c>; for a field that
    /// was not written, the line of its nearest written parent.
    /// </summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return StartLine;
            }

            path = path[..cut];
        }
    }
}
