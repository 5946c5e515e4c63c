using System.Net;
using LlmOperator.Evaluation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.MockLlm;

/// <summary>mock-llm as an ASP.NET Core application on Kestrel: for tests, demos and the mock engine.</summary>
public static class MockLlmServer
{
    /// <summary>Registers mock-llm's options (validated at start), its answer book, its state, its slots and its vLLM metrics.</summary>
    public static IServiceCollection AddMockLlm(this IServiceCollection services, Action<MockLlmOptions> configure)
    {
        services.AddOptions<MockLlmOptions>()
            .Configure(configure)
            .ValidateDataAnnotations()
            .Validate(o => IPAddress.TryParse(o.Host, out _), "Host must be an IP address")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MockLlmOptions>>().Value.AnswersPath is { } path ? AnswerBook.Load(path) : AnswerBook.Empty);
        services.AddSingleton(sp => new MockErrorSource(sp.GetRequiredService<IOptions<MockLlmOptions>>().Value.Seed));
        services.AddSingleton<MockLlmState>();
        services.AddSingleton(sp => new VllmMetrics(sp.GetRequiredService<IOptions<MockLlmOptions>>().Value.Model));
        services.AddSingleton(sp => new RunningSlots(sp.GetRequiredService<IOptions<MockLlmOptions>>().Value.MaxRunning));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MockModels>();
        return services;
    }

    /// <summary>Builds the application; start it, then read <see cref="Address"/>.</summary>
    public static WebApplication Build(MockLlmOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = PodServerBuilder.Create(options.Host, options.Port, IPAddress.Loopback, logging);
        builder.Services.AddMockLlm(o =>
        {
            o.Host = options.Host;
            o.Port = options.Port;
            o.AnswersPath = options.AnswersPath;
            o.Quality = options.Quality;
            o.Preamble = options.Preamble;
            o.Latency = options.Latency;
            o.ErrorRate = options.ErrorRate;
            o.MaxRunning = options.MaxRunning;
            o.Model = options.Model;
            o.Seed = options.Seed;
            o.ApiKey = options.ApiKey;
            o.Lora = options.Lora;
        });
        var app = builder.Build();
        app.MapMockLlm();
        app.MapMockAdapters();
        // Answer-file mistakes surface at start, with their line, not on the first request.
        _ = app.Services.GetRequiredService<AnswerBook>();
        return app;
    }

    /// <summary>The base URL a started application listens on, for example http://127.0.0.1:41234.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
