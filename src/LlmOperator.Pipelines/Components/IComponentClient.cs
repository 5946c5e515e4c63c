namespace LlmOperator.Pipelines.Components;

/// <summary>
/// Calls a pipeline's components: the ModelDeployments its steps name. The router reaches them through
/// their Services, the evaluator through the same Services or the endpoints a run overrides.
/// </summary>
public interface IComponentClient
{
    /// <summary>
    /// Asks a component for a chat completion and returns its answer. A failure the pipeline may answer
    /// with a fallback (an HTTP error, an unreachable endpoint) is a <see cref="ComponentCallException"/>.
    /// </summary>
    Task<string> CompleteAsync(ComponentCall request, CancellationToken cancellationToken);
}
