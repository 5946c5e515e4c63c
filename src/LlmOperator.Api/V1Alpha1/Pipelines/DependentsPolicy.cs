using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>Whether a component's candidate is also judged by the pipelines that call it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DependentsPolicy>))]
public enum DependentsPolicy
{
    /// <summary>Each evaluate step also runs the gates of every pipeline calling this model, with the candidate in the pipeline.</summary>
    [JsonStringEnumMemberName("evaluate")]
    Evaluate,

    /// <summary>Only the step's own gates judge the candidate.</summary>
    [JsonStringEnumMemberName("ignore")]
    Ignore,
}
