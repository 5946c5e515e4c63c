using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The lifecycle of a prompt version.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromptPhase>))]
public enum PromptPhase
{
    /// <summary>Not yet evaluated: waiting for its model, its gates, or a fix of what they lack.</summary>
    Pending,

    /// <summary>Its gates are running.</summary>
    Evaluating,

    /// <summary>It is published and serves.</summary>
    Active,

    /// <summary>Another version serves: a newer one passed its gates, or was committed before this one was promoted.</summary>
    Superseded,

    /// <summary>It failed its gates, its templates do not parse, or another object already is this version; the active version keeps serving.</summary>
    Rejected,
}
