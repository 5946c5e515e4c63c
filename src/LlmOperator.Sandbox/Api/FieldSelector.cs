using System.Text.Json;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// A field selector (<c>metadata.name=x,status.phase!=Running</c>) over the fields the API server
/// supports for each kind: metadata.name and metadata.namespace everywhere, a few more for pods,
/// events, secrets and namespaces.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly Dictionary<(string Group, string Kind), string[]> ExtraFields = new()
    {
        [("", "Pod")] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"],
        [("", "Event")] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"
        ],
        [("events.k8s.io", "Event")] = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "type"],
        [("", "Secret")] = ["type"],
        [("", "Namespace")] = ["status.phase"],
    };

    private readonly IReadOnlyList<(string Field, string Value, bool Negate)> _terms;

    private FieldSelector(IReadOnlyList<(string, string, bool)> terms) => _terms = terms;

    /// <summary>Whether the selector has no terms.</summary>
    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The value a term requires metadata.name to equal, if any (lets a get-by-name watch stay cheap).</summary>
    public string? RequiredName => _terms.FirstOrDefault(t => t.Field == "metadata.name" && !t.Negate).Value;

    /// <summary>Parses a selector for a kind; throws a 400 for an unsupported field or bad syntax.</summary>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector([]);
        }

        var supported = ExtraFields.GetValueOrDefault((type.Group, type.Kind), []);
        var terms = new List<(string, string, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (op, at) = part.Contains("!=", StringComparison.Ordinal) ? ("!=", part.IndexOf("!=", StringComparison.Ordinal))
                : part.Contains("==", StringComparison.Ordinal) ? ("==", part.IndexOf("==", StringComparison.Ordinal))
                : ("=", part.IndexOf('=', StringComparison.Ordinal));
            if (at <= 0)
            {
                throw Statuses.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            var field = part[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !supported.Contains(field))
            {
                throw Statuses.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, part[(at + op.Length)..].Trim(), op == "!="));
        }

        return new FieldSelector(terms);
    }

    /// <summary>Whether an object satisfies every term.</summary>
    public bool Matches(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (_terms.Count == 0)
        {
            return true;
        }

        JsonDocument? document = null;
        try
        {
            foreach (var (field, value, negate) in _terms)
            {
                var actual = field switch
                {
                    "metadata.name" => obj.Name,
                    "metadata.namespace" => obj.Namespace,
                    _ => Read(document ??= JsonDocument.Parse(obj.Json), field),
                };
                if ((actual == value) == negate)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            document?.Dispose();
        }
    }

    private static string Read(JsonDocument document, string path)
    {
        var element = document.RootElement;
        foreach (var segment in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return "";
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.ValueKind == JsonValueKind.Object ? "" : element.GetRawText();
    }
}
