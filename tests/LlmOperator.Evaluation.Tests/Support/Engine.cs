using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;
using LlmOperator.Evaluation.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>The engine's parts wired for tests: short retry delays and regex timeouts so that tests stay fast.</summary>
internal static class Engine
{
    public static EvaluationOptions Options(Action<EvaluationOptions>? configure = null)
    {
        var options = new EvaluationOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
            RegexTimeout = TimeSpan.FromMilliseconds(100),
            BootstrapResamples = 1000,
        };
        configure?.Invoke(options);
        return options;
    }

    public static ModelClientFactory Factory(
        EvaluationOptions? options = null,
        HttpMessageHandler? handler = null,
        TimeProvider? time = null,
        EvaluationTelemetry? telemetry = null) =>
        new(
            Microsoft.Extensions.Options.Options.Create(options ?? Options()),
            telemetry ?? new EvaluationTelemetry(),
            time ?? TimeProvider.System,
            NullLoggerFactory.Instance,
            handler);

    public static EvaluationRunner Runner(EvaluationOptions? options = null, EvaluationTelemetry? telemetry = null) =>
        new(
            Microsoft.Extensions.Options.Options.Create(options ?? Options()),
            telemetry ?? new EvaluationTelemetry(),
            TimeProvider.System,
            NullLogger<EvaluationRunner>.Instance);

    public static OpenAiClient Client(
        HttpMessageHandler handler,
        string model = "judge",
        TimeProvider? time = null,
        int retries = 0,
        TimeSpan? timeout = null,
        bool stream = false,
        TimeSpan? baseDelay = null)
    {
        var retry = RetryPolicy.Default with { MaxRetries = retries, BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(1) };
        var settings = new ClientSettings(timeout ?? TimeSpan.FromSeconds(5), retry, 4, stream);
        return new OpenAiClient(
            new HttpClient(handler),
            new ModelEndpoint("http://judge.test/v1", model),
            settings,
            new EvaluationTelemetry(),
            time ?? TimeProvider.System,
            NullLogger.Instance);
    }
}
