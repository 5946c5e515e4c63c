using LlmOperator.Controllers.Hosting;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Testing;
using Microsoft.AspNetCore.Builder;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>A sandbox with the CRDs and the operator running in this process against it, as llmop sandbox runs it.</summary>
public sealed class OperatorSandboxFixture : CrdSandboxFixture
{
    private WebApplication? _operator;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _operator = OperatorHost.Build(OperatorHost.CreateBuilder(
            options =>
            {
                options.Kubeconfig = KubeconfigPath;
                options.HealthPort = 0;
                options.ShutdownTimeout = TimeSpan.FromSeconds(5);
            },
            controllers => controllers.AddLlmOperatorControllers()));
        await _operator.StartAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
