using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>An informer of any kind: what the host starts, waits for and reports on.</summary>
public interface IInformer
{
    /// <summary>The kind it caches.</summary>
    ResourceKind Kind { get; }

    /// <summary>Whether every namespace it watches has been listed once.</summary>
    bool HasSynced { get; }

    /// <summary>Lists and watches until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
