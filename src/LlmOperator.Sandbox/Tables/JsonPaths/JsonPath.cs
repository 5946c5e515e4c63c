using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Tables.JsonPaths;

/// <summary>
/// A parsed JSONPath as Kubernetes evaluates one for a CRD's <c>additionalPrinterColumns</c> (or a
/// <c>selectableFields</c> path): k8s.io/client-go/util/jsonpath semantics with missing keys allowed.
/// Supports <c>.a.b</c>, <c>['a']</c>, <c>.a\.b</c> (a key with a dot), <c>[0]</c>, <c>[-1]</c>,
/// <c>[1:3:2]</c>, <c>[*]</c>, <c>.*</c>, <c>..a</c>, <c>[0,2]</c> and filters <c>[?(@.type=="Ready")]</c>
/// with <c>== != &lt; &lt;= &gt; &gt;=</c> or bare existence <c>[?(@.a)]</c>.
/// </summary>
internal sealed class JsonPath
{
    private readonly IReadOnlyList<JsonPathNode> _nodes;

    private JsonPath(string text, IReadOnlyList<JsonPathNode> nodes)
    {
        Text = text;
        _nodes = nodes;
    }

    /// <summary>The path as written, for example <c>.status.conditions[?(@.type=="Ready")].status</c>.</summary>
    public string Text { get; }

    /// <summary>Parses a path written without the template braces; throws <see cref="FormatException"/> on bad syntax.</summary>
    public static JsonPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new JsonPath(path, JsonPathParser.Parse(path));
    }

    /// <summary>Parses a path written without the template braces; false on bad syntax.</summary>
    public static bool TryParse(string path, [NotNullWhen(true)] out JsonPath? result)
    {
        try
        {
            result = Parse(path);
            return true;
        }
        catch (FormatException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>Evaluates the path against a value (usually a whole object).</summary>
    public JsonPathResult Evaluate(JsonNode? data) => JsonPathEvaluator.Evaluate([data], _nodes);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
