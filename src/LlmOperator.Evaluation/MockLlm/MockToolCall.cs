namespace LlmOperator.Evaluation.MockLlm;

/// <summary>A function call mock-llm answers with.</summary>
/// <param name="Name">The function.</param>
/// <param name="Arguments">Its arguments as JSON text.</param>
internal sealed record MockToolCall(string Name, string Arguments);
