using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Why a rollout is paused.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PauseReason>))]
public enum PauseReason
{
    /// <summary>A pause step is in effect.</summary>
    CanaryPauseStep,

    /// <summary>An evaluation was Inconclusive and its step says pause.</summary>
    InconclusiveEvaluation,
}
