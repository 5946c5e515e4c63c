namespace LlmOperator.Evaluation.Client;

/// <summary>An error that arrived inside a successful answer (a streamed event), so that the call can retry it or report it.</summary>
/// <param name="error">The engine's error.</param>
public sealed class ModelErrorException(ModelError error) : Exception(error?.Message)
{
    /// <summary>The engine's error.</summary>
    public ModelError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}
