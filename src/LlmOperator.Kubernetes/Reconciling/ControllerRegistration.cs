using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Queue;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Kubernetes.Reconciling;

/// <summary>A controller of <typeparamref name="T"/> reconciled by <typeparamref name="TReconciler"/> (resolved in a scope per reconcile).</summary>
internal sealed class ControllerRegistration<T, TReconciler>(ControllerBuilder<T> definition) : IControllerRegistration
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TReconciler : class, IReconciler<T>
{
    public string Name => definition.Name;

    public IController Create(SharedInformers informers, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var metrics = services.GetRequiredService<OperatorMetrics>();
        var queue = new WorkQueue<ObjectKey>(definition.Name, RateLimiters.Default<ObjectKey>(time), time, metrics);
        return new Controller<T>(
            definition,
            definition.Workers ?? options.WorkersPerController,
            informers,
            queue,
            services.GetRequiredService<IServiceScopeFactory>(),
            static scope => scope.GetRequiredService<TReconciler>(),
            services.GetRequiredService<StatusWrites>(),
            time,
            metrics,
            services.GetRequiredService<ILogger<Controller<T>>>());
    }
}
