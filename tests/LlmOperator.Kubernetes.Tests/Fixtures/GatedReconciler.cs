using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Reconciling;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>Lets a test hold a reconcile in flight.</summary>
public sealed class ReconcileGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool WasCancelled { get; set; }
}

/// <summary>Waits at the gate, then writes "finished" into the status.</summary>
public sealed class GatedReconciler(ReconcileGate gate, ReconcileLog log, IResourceClient<Widget> widgets) : IReconciler<Widget>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Widget> request, CancellationToken cancellationToken)
    {
        using var entered = log.Enter(request.Key, request.Resource?.Metadata.Generation, DateTimeOffset.UtcNow);
        gate.Entered.TrySetResult();
        await gate.Release.Task.WaitAsync(cancellationToken);
        gate.WasCancelled = cancellationToken.IsCancellationRequested;
        await widgets.UpdateStatusAsync(request.Resource!, w => w.Status = new WidgetStatus { Note = "finished" }, cancellationToken);
        return ReconcileResult.Done;
    }
}
