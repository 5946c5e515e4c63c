using LlmOperator.Api.Graphs;
using LlmOperator.Pipelines.Compiling;
using LlmOperator.Pipelines.Components;

namespace LlmOperator.Pipelines.Execution;

/// <summary>
/// Components that are pipelines executed in this process rather than called through their routers: how
/// an evaluation reaches a candidate that sits inside a pipeline another pipeline calls. A call of one of
/// them executes it with the same components (so the candidate replaces its component there too) and
/// the same prompts; the calling message list is its request. Every other component goes to
/// <c>others</c>. A failure of an inline pipeline is a failure of the call, which the caller may answer
/// with a fallback, as it would a router's error.
/// </summary>
public sealed class InlinePipelines : IComponentClient
{
    private readonly Dictionary<string, PipelineExecutor> _executors;
    private readonly IComponentClient _others;

    /// <summary>
    /// Executes <paramref name="pipelines"/> (by ModelDeployment name) itself and calls every other component
    /// through <paramref name="others"/>. Pipelines that call each other in a circle are a
    /// <see cref="PipelineDefinitionException"/>: executing them would never end.
    /// </summary>
    public InlinePipelines(IReadOnlyDictionary<string, CompiledPipeline> pipelines, IComponentClient others, IPromptSource prompts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(others);
        foreach (var name in pipelines.Keys)
        {
            if (CallCycle.From(name, n => pipelines.TryGetValue(n, out var p) ? p.ModelRefs : null) is { } cycle)
            {
                throw new PipelineDefinitionException([$"pipelines called inline call each other in a circle: {string.Join(" -> ", cycle)}"]);
            }
        }

        _others = others;
        _executors = pipelines.ToDictionary(p => p.Key, p => new PipelineExecutor(p.Value, this, prompts, time), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<string> CompleteAsync(ComponentCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_executors.TryGetValue(request.ModelRef, out var executor))
        {
            return await _others.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return (await executor.ExecuteAsync(new PipelineRequest(request.Messages), cancellationToken).ConfigureAwait(false)).Output;
        }
        catch (PipelineExecutionException e)
        {
            throw new ComponentCallException($"pipeline {request.ModelRef}: {e.Message}", e);
        }
    }
}
