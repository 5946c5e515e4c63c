using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How a rollout ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutResult>))]
public enum RolloutResult
{
    /// <summary>The revision became stable.</summary>
    Promoted,

    /// <summary>The revision was rolled back.</summary>
    Aborted,

    /// <summary>A newer commit replaced the revision before it finished.</summary>
    Superseded,
}
