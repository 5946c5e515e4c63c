using LlmOperator.Controllers.Common;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>The sandbox with an operator whose pods' adapter loaders read hf:// sources from a fake Hub (the --adapter-hub-endpoint option).</summary>
public sealed class FakeHubOperatorSandboxFixture : OperatorSandboxFixture
{
    /// <summary>The Hub the adapter loaders read.</summary>
    public FakeHub Hub { get; } = new();

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await Hub.StartAsync();
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Hub.DisposeAsync();
    }

    /// <inheritdoc />
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<ControllerOptions>(o => o.AdapterHubEndpoint = Hub.Endpoint);
}
