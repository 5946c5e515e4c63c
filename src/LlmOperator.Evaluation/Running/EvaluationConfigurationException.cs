namespace LlmOperator.Evaluation.Running;

/// <summary>A run that cannot start: the gate, its dataset or its prompt is wrong. Nothing was sent to a model.</summary>
public sealed class EvaluationConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
