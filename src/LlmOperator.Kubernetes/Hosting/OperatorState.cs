using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>What the health endpoints report: whether this replica leads, and whether its informers have synced.</summary>
public sealed class OperatorState
{
    private volatile SharedInformers? _informers;
    private volatile bool _leading;
    private volatile bool _running;
    private volatile Exception? _failure;

    /// <summary>Whether this replica runs the controllers now.</summary>
    public bool IsLeading => _leading;

    /// <summary>Whether the operator loop runs (it stops only on shutdown or a failure).</summary>
    public bool IsRunning => _running;

    /// <summary>What stopped the operator loop, if it failed.</summary>
    public Exception? Failure => _failure;

    /// <summary>The informers of the current term; null when not leading.</summary>
    internal SharedInformers? Informers => _informers;

    /// <summary>Whether the informers of the current term have listed once (false when not leading).</summary>
    public bool InformersSynced => _informers?.HasSynced == true;

    internal void Started() => _running = true;

    internal void Failed(Exception failure) => (_failure, _running) = (failure, false);

    internal void Stopped() => _running = false;

    internal void Lead(SharedInformers informers) => (_informers, _leading) = (informers, true);

    internal void StepDown() => (_informers, _leading) = (null, false);
}
