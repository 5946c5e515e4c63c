using LlmOperator.Pipelines.Execution;
using LlmOperator.Pipelines.Serving;

namespace LlmOperator.Evaluation.Router;

/// <summary>The pipeline a router serves: its configuration, its executor and the slots that bound concurrency.</summary>
internal sealed class ServedPipeline(RouterConfiguration configuration, PipelineExecutor executor, int concurrency) : IDisposable
{
    public RouterConfiguration Configuration { get; } = configuration;

    public PipelineExecutor Executor { get; } = executor;

    public SemaphoreSlim Slots { get; } = new(concurrency, concurrency);

    public void Dispose() => Slots.Dispose();
}
