using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How an ensemble's answers become one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnsembleCombine>))]
public enum EnsembleCombine
{
    /// <summary>The most frequent answer, compared trimmed and case-insensitively; a tie goes to the earliest call.</summary>
    [JsonStringEnumMemberName("vote")]
    Vote,

    /// <summary>A judge call picks one of the answers.</summary>
    [JsonStringEnumMemberName("judge")]
    Judge,

    /// <summary>The first answer to arrive; the other calls are cancelled.</summary>
    [JsonStringEnumMemberName("first")]
    First,
}
