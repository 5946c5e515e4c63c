using System.Text.Json.Nodes;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Pipelines;

/// <summary>
/// A pipeline executed inside the run, as a run's target: the case's messages are the request and its
/// vars are the pipeline's vars, so a pipeline is judged without being deployed. A request the
/// pipeline cannot answer is an error of that case, with the step that failed.
/// </summary>
public sealed class PipelineTarget(string name, PipelineExecutor executor, TimeProvider time) : ICaseTarget
{
    /// <inheritdoc />
    public string Url => $"pipeline:{name}";

    /// <inheritdoc />
    public string Model => name;

    /// <inheritdoc />
    public async Task<ChatCompletion> AnswerAsync(RenderedPrompt prompt, JsonObject? vars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var started = time.GetTimestamp();
        try
        {
            var result = await executor.ExecuteAsync(new PipelineRequest(prompt.Messages, vars), cancellationToken).ConfigureAwait(false);
            var calls = result.Steps.Sum(s => s.Calls.Count);
            return new ChatCompletion(result.Output, [], name, "stop", TokenUsage.None, time.GetElapsedTime(started), null, calls);
        }
        catch (PipelineExecutionException e)
        {
            throw new ModelCallException($"pipeline {name}: {e.Message}", 1, inner: e);
        }
    }
}
