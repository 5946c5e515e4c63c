using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Templates;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Evaluation.Client;

/// <summary>
/// A client of one OpenAI-compatible endpoint and model: chat completions (streamed for time to first
/// token), embeddings and the model list, each request under a timeout, retried on 408/429/5xx (but not an
/// exhausted quota), transient errors inside a stream and network errors, with jittered backoff that honours
/// retry-after-ms and Retry-After, with a bound on requests in flight. Every engine's error shape is read, and a
/// parameter the model refuses (max_tokens, temperature on reasoning models, OpenAI's response_format on TGI) is replaced
/// or left out from then on. Tools are sent with an explicit tool_choice, and the calls are read back, streamed or not.
/// </summary>
public sealed partial class OpenAiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ClientSettings _settings;
    private readonly EvaluationTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;
    private readonly RefusedParameters _refused = new();
    private readonly TgiResponseFormat _tgiResponseFormat = new();

    /// <summary>Creates a client; <paramref name="http"/> is shared and not disposed by it.</summary>
    public OpenAiClient(HttpClient http, ModelEndpoint endpoint, ClientSettings settings, EvaluationTelemetry telemetry, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _http = http;
        Endpoint = endpoint;
        _settings = settings;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        _inFlight = new SemaphoreSlim(settings.MaxConcurrency, settings.MaxConcurrency);
    }

    /// <summary>The endpoint and model this client calls.</summary>
    public ModelEndpoint Endpoint { get; }

    /// <summary>Asks for a chat completion.</summary>
    public async Task<ChatCompletion> CompleteAsync(IReadOnlyList<ChatMessage> messages, JsonObject? parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = parameters?.DeepClone().AsObject() ?? [];
        body["model"] = Endpoint.Model;
        body["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]);
        ChooseToolsExplicitly(body);
        if (_settings.Stream)
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        using var activity = _telemetry.StartModelCall("chat", Endpoint);
        if (parameters is not null && activity is not null)
        {
            SetNumber(activity, "gen_ai.request.temperature", parameters["temperature"]);
            SetNumber(activity, "gen_ai.request.top_p", parameters["top_p"]);
            SetNumber(activity, "gen_ai.request.max_tokens", parameters["max_tokens"]);
        }

        var started = _time.GetTimestamp();
        try
        {
            ChatCompletion? completion = null;
            while (completion is null)
            {
                try
                {
                    _refused.Apply(body);
                    _tgiResponseFormat.Apply(body);
                    completion = await SendAsync("chat/completions", body.ToJsonString(), ReadChatAsync, cancellationToken).ConfigureAwait(false);
                }
                catch (ModelCallException e) when (e.Status == HttpStatusCode.BadRequest && e.Error is { } error && _refused.Learn(error))
                {
                    // A parameter the model refuses but can do without: sent again without it, and never again (Learn is true once each).
                    LogRefusedParameter(_logger, Endpoint.Model, error.Param!, error.Message);
                }
                catch (ModelCallException e) when (e.Error is { } error && _tgiResponseFormat.Learn(e.Status, error, body))
                {
                    // TGI reads response_format as its own grammar: sent again as {type: json, value: schema}, and so from now on.
                    LogTgiResponseFormat(_logger, Endpoint.Model, error.Message);
                }
                catch (ModelCallException e) when (_tgiResponseFormat.Learned && e.Status == HttpStatusCode.UnprocessableEntity
                    && e.Error?.Message.Contains("response_format", StringComparison.Ordinal) == true)
                {
                    throw new ModelCallException(
                        $"{Endpoint}: the engine reads response_format as TGI does and refused it even as TGI's grammar " +
                        $"{{type: json, value: <schema>}} (TGI takes no OpenAI json_schema in any version; 3.3 and later also take " +
                        $"{{type: json_schema, value: {{name, schema}}}}): {e.Error!.Message}",
                        e.Attempts,
                        e.Status,
                        e,
                        e.Error);
                }
            }

            _telemetry.RecordModelCall(activity, "chat", Endpoint, _time.GetElapsedTime(started), completion, null);
            return completion;
        }
        catch (ModelCallException e)
        {
            _telemetry.RecordModelCall(activity, "chat", Endpoint, _time.GetElapsedTime(started), null, ErrorType(e));
            throw;
        }
    }

    /// <summary>Embeds a text.</summary>
    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var json = new JsonObject { ["model"] = Endpoint.Model, ["input"] = text }.ToJsonString();
        using var activity = _telemetry.StartModelCall("embeddings", Endpoint);
        var started = _time.GetTimestamp();
        try
        {
            var embedding = await SendAsync("embeddings", json, async (response, _, ct) =>
                ChatCompletionReader.ReadEmbedding(await ReadJsonAsync(response, ct).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
            _telemetry.RecordModelCall(activity, "embeddings", Endpoint, _time.GetElapsedTime(started), null, null);
            return embedding;
        }
        catch (ModelCallException e)
        {
            _telemetry.RecordModelCall(activity, "embeddings", Endpoint, _time.GetElapsedTime(started), null, ErrorType(e));
            throw;
        }
    }

    /// <summary>The model ids the endpoint lists at /models, in its order.</summary>
    public static async Task<IReadOnlyList<string>> ListModelsAsync(
        HttpClient http,
        Uri baseUrl,
        ApiKey? apiKey,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var timer = new CancellationTokenSource(timeout, time);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var models = ModelEndpoint.Resolve(baseUrl, "models");
        using var request = new HttpRequestMessage(HttpMethod.Get, models);
        Authorize(request, apiKey);
        try
        {
            using var response = await http.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeoutSource.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? ChatCompletionReader.ReadModelIds(JsonNode.Parse(text))
                : throw new ModelCallException(
                    $"listing models at {models} failed: HTTP {(int)response.StatusCode}: {ModelError.Parse(text).Message}",
                    1,
                    response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ModelCallException($"listing models at {models} failed: {Describe(e, timeout)}", 1, inner: e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _inFlight.Dispose();

    private async Task<ChatCompletion> ReadChatAsync(HttpResponseMessage response, Attempt attempt, CancellationToken cancellationToken)
    {
        var streamed = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        ChatCompletionReader.Parsed parsed;
        if (streamed)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                parsed = await ChatCompletionReader.ReadStreamAsync(stream, Endpoint.Pricing, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            parsed = ChatCompletionReader.ReadJson(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false), Endpoint.Pricing);
        }

        var latency = _time.GetElapsedTime(attempt.SentTimestamp);
        TimeSpan? firstToken = parsed.FirstTokenTimestamp is { } t ? _time.GetElapsedTime(attempt.SentTimestamp, t) : null;
        return new ChatCompletion(parsed.Content, parsed.ToolCalls, parsed.Model, parsed.FinishReason, parsed.Usage, latency, firstToken, attempt.Number);
    }

    private async Task<T> SendAsync<T>(
        string path,
        string json,
        Func<HttpResponseMessage, Attempt, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var uri = ModelEndpoint.Resolve(Endpoint.BaseUrl, path);
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string problem;
            HttpStatusCode? status = null;
            Exception? failure = null;
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var timeoutSource = new CancellationTokenSource(_settings.RequestTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    Authorize(request, Endpoint.ApiKey);
                    var sent = _time.GetTimestamp();
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return await read(response, new Attempt(attempt, sent), linked.Token).ConfigureAwait(false);
                    }

                    status = response.StatusCode;
                    retryAfter = RetryPolicy.ParseRetryAfter(response.Headers, _time.GetUtcNow());
                    var error = ModelError.Parse(await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false));
                    problem = $"HTTP {(int)response.StatusCode}: {error.Message}";
                    if (!error.IsRetryable(response.StatusCode))
                    {
                        throw new ModelCallException($"{Endpoint}: {problem}", attempt, status, error: error);
                    }
                }
                catch (ModelErrorException e)
                {
                    // An error inside a streamed answer: retried when the engine says it is transient (TGI's overloaded).
                    problem = $"the stream carried an error: {e.Error.Message}";
                    if (!e.Error.IsRetryable(null))
                    {
                        throw new ModelCallException($"{Endpoint}: {problem}", attempt, inner: e, error: e.Error);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    failure = e;
                    problem = Describe(e, _settings.RequestTimeout);
                }
                catch (Exception e) when (e is JsonException or FormatException)
                {
                    throw new ModelCallException($"{Endpoint}: unreadable answer: {(e is FormatException ? e.Message : "not JSON")}", attempt, inner: e);
                }
            }
            finally
            {
                _inFlight.Release();
            }

            var delay = _settings.Retry.DelayBeforeRetry(attempt, retryAfter, Random.Shared.NextDouble());
            if (delay is not { } wait)
            {
                var tail = retryAfter > _settings.Retry.MaxRetryAfter
                    ? $"; the server asked to retry after {retryAfter.Value.TotalSeconds:0.#}s, " +
                        $"longer than the {_settings.Retry.MaxRetryAfter.TotalSeconds:0.#}s limit"
                    : "";
                throw new ModelCallException($"{Endpoint}: {problem} ({Attempts(attempt)}){tail}", attempt, status, failure);
            }

            LogRetry(_logger, Endpoint.Model, uri, problem, attempt, wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static void SetNumber(System.Diagnostics.Activity activity, string name, JsonNode? value)
    {
        if (JsonKinds.IsNumber(value))
        {
            activity.SetTag(name, JsonKinds.ToDouble(value!));
        }
    }

    private static void Authorize(HttpRequestMessage request, ApiKey? apiKey)
    {
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Reveal());
        }
    }

    // With tools and no tool_choice, engines differ: OpenAI, vLLM 0.6 on and TGI 2.4.1 on take auto, vLLM before took none
    // (the tools were ignored without a word). An explicit auto asks every engine for the same thing (TGI before 2.4 still
    // forces a call whatever it is asked), and a vLLM started without --enable-auto-tool-choice and --tool-call-parser says
    // so in a 400 instead of answering without tools.
    private static void ChooseToolsExplicitly(JsonObject body)
    {
        if (body["tools"] is JsonArray { Count: > 0 } && !body.ContainsKey("tool_choice"))
        {
            body["tool_choice"] = "auto";
        }
    }

    private static string Describe(Exception e, TimeSpan timeout) => e switch
    {
        OperationCanceledException => $"request timed out after {timeout.TotalSeconds:0.###}s",
        EndOfStreamException => e.Message,
        HttpRequestException { InnerException: { } inner } => $"network error: {inner.Message}",
        _ => $"network error: {e.Message}",
    };

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    private static string ErrorType(ModelCallException e) => e.Status is { } status
        ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : e.InnerException switch
        {
            OperationCanceledException => "timeout",
            null => "invalid_response",
            _ => "network",
        };

    // Which request of a call answered, and when it was sent (a TimeProvider timestamp).
    private readonly record struct Attempt(int Number, long SentTimestamp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Model} refused the parameter {Param} ({Message}); it is sent without it from now on")]
    private static partial void LogRefusedParameter(ILogger logger, string model, string param, string message);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "{Model} refused OpenAI's response_format as TGI does ({Message}); it is sent as TGI's grammar {{type: json, value: <schema>}} from now on")]
    private static partial void LogTgiResponseFormat(ILogger logger, string model, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying {Model} at {Uri} after {Problem} (attempt {Attempt}) in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string model, Uri uri, string problem, int attempt, double delayMs);
}
