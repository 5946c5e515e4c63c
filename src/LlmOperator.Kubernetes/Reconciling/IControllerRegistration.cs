using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>A controller registered with the operator, created afresh each time this replica starts leading.</summary>
internal interface IControllerRegistration
{
    /// <summary>The controller's name.</summary>
    string Name { get; }

    /// <summary>Creates the controller and subscribes it to <paramref name="informers"/> (before they start).</summary>
    IController Create(SharedInformers informers, IServiceProvider services);
}
