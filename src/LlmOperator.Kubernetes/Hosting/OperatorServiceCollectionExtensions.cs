using k8s;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Leadership;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>Registers the controller runtime in a service collection.</summary>
public static class OperatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the operator: validated <see cref="OperatorOptions"/>, a KubernetesClient (unless one is
    /// registered already), a typed <see cref="IResourceClient{T}"/> for every kind, <see cref="InformerCaches"/>, the <see cref="IEventRecorder"/>,
    /// metrics, health checks and the hosted loop that runs the controllers (under leader election when
    /// enabled). Add controllers on the returned builder.
    /// </summary>
    public static OperatorBuilder AddKubernetesOperator(this IServiceCollection services, Action<OperatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<OperatorOptions>().Configure(o => configure?.Invoke(o)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<OperatorMetrics>();
        services.TryAddSingleton<IKubernetes>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OperatorOptions>>().Value;
            return ClusterConfiguration.Connect(
                ClusterConfiguration.Load(options.Kubeconfig),
                OperatorOptions.UserAgent,
                options.LeaderElection.Enabled ? options.LeaderElection.Identity : null,
                new ApiRequestMetricsHandler(sp.GetRequiredService<OperatorMetrics>()));
        });
        services.AddTermMemory<StatusWrites>();
        services.TryAdd(ServiceDescriptor.Singleton(typeof(IResourceClient<>), typeof(ResourceClient<>)));
        services.TryAddSingleton<IEventRecorder, EventRecorder>();
        services.TryAddSingleton<OperatorState>();
        services.TryAddSingleton<InformerCaches>();
        services.TryAddSingleton<ControllerTerm>();
        services.TryAddSingleton<OperatorHealthChecks>();
        services.AddHostedService<OperatorService>();
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration(
                "operator",
                sp => new DelegateHealthCheck(sp.GetRequiredService<OperatorHealthChecks>().Live),
                null,
                [OperatorHealthChecks.LiveTag]))
            .Add(new HealthCheckRegistration(
                "controllers",
                sp => new DelegateHealthCheck(sp.GetRequiredService<OperatorHealthChecks>().Ready),
                null,
                [OperatorHealthChecks.ReadyTag]));
        return new OperatorBuilder(services);
    }

    /// <summary>
    /// Adds <typeparamref name="T"/> as a singleton that the runtime empties at the start of every term
    /// (see <see cref="ITermMemory"/>).
    /// </summary>
    public static IServiceCollection AddTermMemory<T>(this IServiceCollection services)
        where T : class, ITermMemory
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<T>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITermMemory, T>(sp => sp.GetRequiredService<T>()));
        return services;
    }

    private sealed class DelegateHealthCheck(Func<HealthCheckResult> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Task.FromResult(check());
    }
}
