using k8s.Models;
using LlmOperator.Kubernetes.Reconciling;

namespace LlmOperator.Benchmarks.Runtime;

/// <summary>Counts reconciles and does nothing else, so that the figures are the runtime's own.</summary>
public sealed class NoOpReconciler(ReconcileCounter counter) : IReconciler<V1ConfigMap>
{
    public Task<ReconcileResult> ReconcileAsync(ReconcileRequest<V1ConfigMap> request, CancellationToken cancellationToken)
    {
        counter.Add();
        return Task.FromResult(ReconcileResult.Done);
    }
}

/// <summary>How many reconciles ran, and when the first and the last did.</summary>
public sealed class ReconcileCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public long FirstTimestamp { get; private set; }

    public long LastTimestamp { get; private set; }

    public void Add()
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (Interlocked.Increment(ref _count) == 1)
        {
            FirstTimestamp = now;
        }

        LastTimestamp = now;
    }
}
