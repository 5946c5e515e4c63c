using LlmOperator.Kubernetes.Hosting;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>The operator in this process with leader election on, as the chart installs it.</summary>
public sealed class LeaderElectedOperatorFixture : OperatorSandboxFixture
{
    /// <inheritdoc />
    protected override void Configure(OperatorOptions options)
    {
        options.LeaderElection.Enabled = true;
    }
}
