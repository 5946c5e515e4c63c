using LlmOperator.Kubernetes.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// The sandbox with an operator whose clock is ten minutes behind the API server's, under leader election
/// with a short Lease, so that a test sees many renewals.
/// </summary>
public sealed class SkewedOperatorSandboxFixture : OperatorSandboxFixture
{
    /// <summary>How far the operator's clock is off.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(-10);

    /// <summary>The operator's identity in the Lease.</summary>
    public const string Identity = "skewed-replica";

    /// <inheritdoc />
    protected override void Configure(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LeaderElection.Enabled = true;
        options.LeaderElection.Identity = Identity;
        options.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(4);
        options.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(3);
        options.LeaderElection.RetryPeriod = TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc />
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(new OffsetTimeProvider(Skew));
}
