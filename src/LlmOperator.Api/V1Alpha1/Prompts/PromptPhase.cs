using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The lifecycle of a prompt version.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromptPhase>))]
public enum PromptPhase
{
    /// <summary>Not yet considered, or waiting for its model or gates.</summary>
    Pending,

    /// <summary>Its gates are running.</summary>
    Evaluating,

    /// <summary>It is published and serves.</summary>
    Active,

    /// <summary>A newer version replaced it after passing its gates.</summary>
    Superseded,

    /// <summary>It failed its gates; the active version keeps serving.</summary>
    Rejected,
}
