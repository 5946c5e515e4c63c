using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>How one measurement of a gate metric landed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeasurementPhase>))]
public enum MeasurementPhase
{
    /// <summary>The value met the metric's conditions.</summary>
    Successful,

    /// <summary>The value was bad: failureCondition holds, or successCondition does not.</summary>
    Failed,

    /// <summary>No value (no series, NaN), or neither condition holds.</summary>
    Inconclusive,

    /// <summary>The query failed: Prometheus unreachable, refused the query, or a condition could not be evaluated.</summary>
    Error,
}
