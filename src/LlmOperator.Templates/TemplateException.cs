namespace LlmOperator.Templates;

/// <summary>A Liquid template that does not parse or does not render, with which message it was.</summary>
public sealed class TemplateException(string message) : Exception(message);
