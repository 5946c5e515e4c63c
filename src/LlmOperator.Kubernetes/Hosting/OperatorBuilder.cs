using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Reconciling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>Registers controllers with the operator (returned by <see cref="OperatorServiceCollectionExtensions.AddKubernetesOperator"/>).</summary>
public sealed class OperatorBuilder
{
    internal OperatorBuilder(IServiceCollection services) => Services = services;

    /// <summary>The services the operator is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds a controller of <typeparamref name="T"/> that <typeparamref name="TReconciler"/> reconciles
    /// (resolved in a scope of its own for each reconcile); <paramref name="configure"/> adds owned and
    /// watched kinds and sets workers and filtering.
    /// </summary>
    public OperatorBuilder AddController<T, TReconciler>(Action<ControllerBuilder<T>>? configure = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler<T>
    {
        var definition = new ControllerBuilder<T>();
        configure?.Invoke(definition);
        Services.TryAddScoped<TReconciler>();
        Services.AddSingleton<IControllerRegistration>(new ControllerRegistration<T, TReconciler>(definition));
        return this;
    }
}
