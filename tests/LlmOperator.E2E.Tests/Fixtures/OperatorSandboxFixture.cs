using LlmOperator.Controllers.Hosting;
using LlmOperator.Evaluation.Gates.Status;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>A sandbox with the CRDs and the operator running in this process against it, as llmop sandbox runs it.</summary>
public class OperatorSandboxFixture : InstalledSandboxFixture
{
    private WebApplication? _operator;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = OperatorHost.CreateBuilder(
            options =>
            {
                options.Kubeconfig = KubeconfigPath;
                options.HealthPort = 0;
                options.ShutdownTimeout = TimeSpan.FromSeconds(5);
                Configure(options);
            },
            controllers => controllers.AddLlmOperatorControllers().AddEvaluationGateStatus());
        ConfigureServices(builder.Services);
        _operator = OperatorHost.Build(builder);
        await _operator.StartAsync();
    }

    /// <summary>Changes the operator's options before it starts.</summary>
    protected virtual void Configure(OperatorOptions options)
    {
    }

    /// <summary>Replaces services of the operator (its clock, say) before it starts.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Stops the operator as a pod's termination would, ending its watches; the sandbox keeps running.</summary>
    public async Task StopOperatorAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
            _operator = null;
        }
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await StopOperatorAsync();
        await base.DisposeAsync();
    }
}
