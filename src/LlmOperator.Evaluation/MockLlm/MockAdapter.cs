namespace LlmOperator.Evaluation.MockLlm;

/// <summary>An adapter mock-llm has loaded.</summary>
/// <param name="Name">The model name it answers to.</param>
/// <param name="Path">The lora_path it was loaded from.</param>
/// <param name="Quality">Its answer quality, or null to answer as the base model.</param>
internal sealed record MockAdapter(string Name, string Path, double? Quality);
