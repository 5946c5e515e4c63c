using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The phase of a ModelDeployment, as Argo CD health reads it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutPhase>))]
public enum RolloutPhase
{
    /// <summary>A revision is being rolled out.</summary>
    Progressing,

    /// <summary>The rollout waits for time or a promotion.</summary>
    Paused,

    /// <summary>The stable revision serves all traffic and its evaluations pass.</summary>
    Healthy,

    /// <summary>The rollout was aborted or the stable revision regressed.</summary>
    Degraded,
}
