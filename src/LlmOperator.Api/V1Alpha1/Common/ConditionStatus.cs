using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Whether a condition holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    /// <summary>The state is not known yet.</summary>
    Unknown,

    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,
}
