using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The assertion types, named as promptfoo names them; each has a not- inverse.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssertionType>))]
public enum AssertionType
{
    /// <summary>The answer equals the value (JSON-aware when the value is an object or list).</summary>
    [JsonStringEnumMemberName("equals")]
    EqualTo,

    /// <summary>The answer contains the value.</summary>
    [JsonStringEnumMemberName("contains")]
    Contains,

    /// <summary>The answer contains the value, ignoring case.</summary>
    [JsonStringEnumMemberName("icontains")]
    Icontains,

    /// <summary>The answer contains at least one of the values.</summary>
    [JsonStringEnumMemberName("contains-any")]
    ContainsAny,

    /// <summary>The answer contains at least one of the values, ignoring case.</summary>
    [JsonStringEnumMemberName("icontains-any")]
    IcontainsAny,

    /// <summary>The answer contains every one of the values.</summary>
    [JsonStringEnumMemberName("contains-all")]
    ContainsAll,

    /// <summary>The answer contains every one of the values, ignoring case.</summary>
    [JsonStringEnumMemberName("icontains-all")]
    IcontainsAll,

    /// <summary>The answer starts with the value.</summary>
    [JsonStringEnumMemberName("starts-with")]
    StartsWith,

    /// <summary>The answer matches the regular expression (evaluated with a timeout).</summary>
    [JsonStringEnumMemberName("regex")]
    Regex,

    /// <summary>The answer is valid JSON, optionally matching the JSON schema in value.</summary>
    [JsonStringEnumMemberName("is-json")]
    IsJson,

    /// <summary>The answer contains valid JSON, optionally matching the JSON schema in value.</summary>
    [JsonStringEnumMemberName("contains-json")]
    ContainsJson,

    /// <summary>The edit distance to the value is at most threshold (default 5).</summary>
    [JsonStringEnumMemberName("levenshtein")]
    Levenshtein,

    /// <summary>The request took at most threshold milliseconds.</summary>
    [JsonStringEnumMemberName("latency")]
    Latency,

    /// <summary>The request cost at most threshold.</summary>
    [JsonStringEnumMemberName("cost")]
    Cost,

    /// <summary>The embedding of the answer has a cosine similarity of at least threshold (default 0.75) with the value's.</summary>
    [JsonStringEnumMemberName("similar")]
    Similar,

    /// <summary>A judge model grades the answer against the rubric in value; an unparsable grade is an error, never a pass.</summary>
    [JsonStringEnumMemberName("llm-rubric")]
    LlmRubric,

    /// <summary>
    /// The answer calls at least one function, and every call names a tool the request offered, with arguments that are
    /// JSON matching that tool's parameters schema.
    /// </summary>
    [JsonStringEnumMemberName("is-valid-openai-tools-call")]
    IsValidOpenAiToolsCall,

    /// <summary>
    /// The F1 score of the functions called against the names in value (a list, or comma-separated) is at least threshold
    /// (default 1): precision is the share of called names expected, recall the share of expected names called.
    /// </summary>
    [JsonStringEnumMemberName("tool-call-f1")]
    ToolCallF1,

    /// <summary>
    /// The answer calls a function: with value, the one named (a string, or {name}), its arguments matching the JSON schema
    /// in value.arguments when given.
    /// </summary>
    [JsonStringEnumMemberName("tool-call")]
    ToolCall,

    /// <summary>The inverse of equals.</summary>
    [JsonStringEnumMemberName("not-equals")]
    NotEqualTo,

    /// <summary>The inverse of contains.</summary>
    [JsonStringEnumMemberName("not-contains")]
    NotContains,

    /// <summary>The inverse of icontains.</summary>
    [JsonStringEnumMemberName("not-icontains")]
    NotIcontains,

    /// <summary>The inverse of contains-any.</summary>
    [JsonStringEnumMemberName("not-contains-any")]
    NotContainsAny,

    /// <summary>The inverse of icontains-any.</summary>
    [JsonStringEnumMemberName("not-icontains-any")]
    NotIcontainsAny,

    /// <summary>The inverse of contains-all.</summary>
    [JsonStringEnumMemberName("not-contains-all")]
    NotContainsAll,

    /// <summary>The inverse of icontains-all.</summary>
    [JsonStringEnumMemberName("not-icontains-all")]
    NotIcontainsAll,

    /// <summary>The inverse of starts-with.</summary>
    [JsonStringEnumMemberName("not-starts-with")]
    NotStartsWith,

    /// <summary>The inverse of regex.</summary>
    [JsonStringEnumMemberName("not-regex")]
    NotRegex,

    /// <summary>The inverse of is-json.</summary>
    [JsonStringEnumMemberName("not-is-json")]
    NotIsJson,

    /// <summary>The inverse of contains-json.</summary>
    [JsonStringEnumMemberName("not-contains-json")]
    NotContainsJson,

    /// <summary>The inverse of levenshtein.</summary>
    [JsonStringEnumMemberName("not-levenshtein")]
    NotLevenshtein,

    /// <summary>The inverse of latency.</summary>
    [JsonStringEnumMemberName("not-latency")]
    NotLatency,

    /// <summary>The inverse of cost.</summary>
    [JsonStringEnumMemberName("not-cost")]
    NotCost,

    /// <summary>The inverse of similar.</summary>
    [JsonStringEnumMemberName("not-similar")]
    NotSimilar,

    /// <summary>The inverse of llm-rubric.</summary>
    [JsonStringEnumMemberName("not-llm-rubric")]
    NotLlmRubric,

    /// <summary>The inverse of is-valid-openai-tools-call.</summary>
    [JsonStringEnumMemberName("not-is-valid-openai-tools-call")]
    NotIsValidOpenAiToolsCall,

    /// <summary>The inverse of tool-call-f1.</summary>
    [JsonStringEnumMemberName("not-tool-call-f1")]
    NotToolCallF1,

    /// <summary>The inverse of tool-call: no call of the function named, or no call at all without a value.</summary>
    [JsonStringEnumMemberName("not-tool-call")]
    NotToolCall,
}
