namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>A running controller: subscribes to its informers, then runs its workers.</summary>
internal interface IController
{
    /// <summary>The controller's name.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the workers once the informers have synced. <paramref name="stopping"/> stops taking new keys
    /// and lets in-flight reconciles finish; <paramref name="abort"/> also cancels them.
    /// </summary>
    Task RunAsync(CancellationToken stopping, CancellationToken abort);
}
