using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What an Inconclusive evaluation does to a rollout.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InconclusivePolicy>))]
public enum InconclusivePolicy
{
    /// <summary>Pause the rollout until someone promotes, retries or aborts it.</summary>
    [JsonStringEnumMemberName("pause")]
    Pause,

    /// <summary>Treat it as a failure and roll back.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Treat it as a pass and go on.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass,
}
