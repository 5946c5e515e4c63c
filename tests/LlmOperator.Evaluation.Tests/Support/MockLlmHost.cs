using LlmOperator.Evaluation.MockLlm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>An in-process mock-llm on a free loopback port, stopped when disposed.</summary>
internal sealed class MockLlmHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MockLlmHost(WebApplication app)
    {
        _app = app;
        Url = MockLlmServer.Address(app).ToString().TrimEnd('/') + "/v1";
        State = app.Services.GetRequiredService<MockLlmState>();
    }

    public string Url { get; }

    public MockLlmState State { get; }

    public static async Task<MockLlmHost> StartAsync(Action<MockLlmOptions>? configure = null)
    {
        var options = new MockLlmOptions { Port = 0 };
        configure?.Invoke(options);
        var app = MockLlmServer.Build(options);
        await app.StartAsync();
        return new MockLlmHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
