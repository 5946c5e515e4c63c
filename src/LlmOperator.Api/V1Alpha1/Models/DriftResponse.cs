using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>What a ModelDeployment does when a scheduled evaluation shows its stable revision drifted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftResponse>))]
public enum DriftResponse
{
    /// <summary>Say so (phase Degraded, a warning event) and keep serving.</summary>
    [JsonStringEnumMemberName("alert")]
    Alert,

    /// <summary>Evaluate spec.fallback with the same gates and, when it passes, serve it until the drift is over.</summary>
    [JsonStringEnumMemberName("fallback")]
    Fallback,
}
