using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The kinds an EvaluationRun can judge.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationTargetKind>))]
public enum EvaluationTargetKind
{
    /// <summary>A model rollout or scheduled re-evaluation.</summary>
    ModelDeployment,

    /// <summary>A candidate prompt version.</summary>
    PromptVersion,
}
