namespace LlmOperator.Templates;

/// <summary>One message of an OpenAI chat completion request.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Content">The text.</param>
public sealed record ChatMessage(string Role, string Content);
