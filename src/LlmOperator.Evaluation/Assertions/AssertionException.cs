namespace LlmOperator.Evaluation.Assertions;

/// <summary>An assertion that could not judge an answer (a judge reply without a grade, a regex timeout): the case is an error, never a pass.</summary>
internal sealed class AssertionException(string message, Exception? inner = null) : Exception(message, inner);
