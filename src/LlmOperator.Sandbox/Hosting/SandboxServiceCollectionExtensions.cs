using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Controllers;
using LlmOperator.Sandbox.Faults;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Server.Strategies;
using LlmOperator.Sandbox.Storage;
using LlmOperator.Sandbox.Tables;
using LlmOperator.Sandbox.Workloads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>Registers the sandbox's parts.</summary>
internal static class SandboxServiceCollectionExtensions
{
    /// <summary>Adds the API server, its store and the simulated cluster.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, SandboxOptions options, string token)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new ObjectStore(options.WatchHistorySize));
        services.AddSingleton(_ => new ResourceRegistry(BuiltInResources.All));
        services.AddSingleton<ResourceStrategies>();
        services.AddSingleton<ResourceService>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<WatchEndpoint>();
        services.AddSingleton<PatchEndpoint>();
        services.AddSingleton<IWatchEventFormatter, ObjectFormatter>();
        services.AddSingleton<TableConverter>();
        services.AddSingleton<TableNegotiation>();
        services.AddSingleton<ProxySubresource>();
        services.AddSingleton<LogSubresource>();
        services.AddSingleton<ResourceEndpoints>();
        services.AddSingleton<RuleResolver>();
        services.AddSingleton<RbacAuthorizer>();
        services.AddSingleton<ServiceAccountTokens>();
        services.AddSingleton<AccessReviewEndpoint>();
        services.AddSingleton<TokenRequestEndpoint>();
        services.AddSingleton(sp => new RequestAuthentication(sp.GetRequiredService<ServiceAccountTokens>(), sp.GetRequiredService<RbacAuthorizer>())
        {
            AdminToken = token,
        });
        services.AddSingleton<PodAddresses>();
        services.AddSingleton<PodLogs>();
        services.AddSingleton<SandboxEnvironment>();
        services.AddSingleton<ServiceResolver>();
        services.AddSingleton<ControllerEvents>();
        services.AddHostedService<GarbageCollector>();
        services.AddHostedService<NamespaceController>();
        services.AddHostedService<CustomResourceCleanup>();
        services.AddHostedService<ClusterRoleAggregation>();
        services.AddHostedService<DeploymentController>();
        services.AddHostedService<ReplicaSetController>();
        services.AddHostedService<JobController>();
        services.AddHostedService<Kubelet>();
        services.AddHostedService<ScrapeTargetFile>();
        services.AddSingleton(sp => new ApiHandler(
            sp.GetRequiredService<ResourceRegistry>(), sp.GetRequiredService<ResourceEndpoints>(), sp.GetRequiredService<RequestAuthentication>(),
            sp.GetRequiredService<RbacAuthorizer>(), sp.GetRequiredService<FaultInjector>(), sp.GetRequiredService<RequestLog>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ApiHandler>>())
        {
            ServerAddress = "127.0.0.1",
        });
        return services;
    }
}
