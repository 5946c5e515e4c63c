using System.Text.Json.Serialization;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>The author of a chat message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageRole>))]
public enum MessageRole
{
    /// <summary>Instructions to the model.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>The user's turn.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>The model's turn, for few-shot examples.</summary>
    [JsonStringEnumMemberName("assistant")]
    Assistant,
}
