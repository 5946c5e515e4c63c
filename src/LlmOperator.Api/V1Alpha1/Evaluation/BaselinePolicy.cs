using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What a candidate is compared with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BaselinePolicy>))]
public enum BaselinePolicy
{
    /// <summary>The revision or prompt version that serves now.</summary>
    [JsonStringEnumMemberName("stable")]
    Stable,

    /// <summary>No comparison; only the thresholds count.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
