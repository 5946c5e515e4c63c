using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Evaluation.Running;

/// <summary>Creates the clients of a run's endpoints over one shared connection pool.</summary>
public sealed class ModelClientFactory : IDisposable
{
    private readonly HttpClient _http;
    private readonly EvaluationOptions _options;
    private readonly EvaluationTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly System.Collections.Concurrent.ConcurrentBag<OpenAiClient> _clients = [];

    /// <summary>Creates the factory; <paramref name="handler"/> replaces the network in tests.</summary>
    public ModelClientFactory(
        IOptions<EvaluationOptions> options,
        EvaluationTelemetry telemetry,
        TimeProvider time,
        ILoggerFactory loggers,
        HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _telemetry = telemetry;
        _time = time;
        _loggers = loggers;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        })
        {
            // Each request has its own timeout from the gate; the client-wide one would only get in the way.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The shared HTTP client, for calls outside a model client such as listing models.</summary>
    public HttpClient Http => _http;

    /// <summary>The client settings a gate's execution settings give.</summary>
    public ClientSettings Settings(ExecutionSettings execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var retry = new RetryPolicy(execution.Retries, _options.RetryBaseDelay, _options.RetryMaxDelay, _options.MaxRetryAfter);
        return new ClientSettings(GoDuration.Parse(execution.RequestTimeout), retry, execution.Concurrency, _options.Stream);
    }

    /// <summary>A client of an endpoint.</summary>
    public OpenAiClient Create(ModelEndpoint endpoint, ClientSettings settings)
    {
        var client = new OpenAiClient(_http, endpoint, settings, _telemetry, _time, _loggers.CreateLogger<OpenAiClient>());
        _clients.Add(client);
        return client;
    }

    /// <summary>The model an endpoint serves first, for when none is named.</summary>
    public async Task<string> FirstModelAsync(string baseUrl, ApiKey? apiKey, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = ModelEndpoint.NormalizeBaseUrl(baseUrl);
        var models = await OpenAiClient.ListModelsAsync(_http, url, apiKey, timeout, _time, cancellationToken).ConfigureAwait(false);
        return models.Count > 0 ? models[0] : throw new ModelCallException($"{ModelEndpoint.Resolve(url, "models")} lists no model; name one with --model", 1);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _http.Dispose();
    }
}
