namespace LlmOperator.Evaluation.Assertions;

/// <summary>An assertion written so that it can never be evaluated (a bad regex, a missing value): the gate is wrong.</summary>
public sealed class AssertionConfigurationException(string message) : Exception(message);
