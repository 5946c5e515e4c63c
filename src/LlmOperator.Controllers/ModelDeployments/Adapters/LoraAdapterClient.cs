using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// vLLM's runtime LoRA endpoints on one pod (mock-llm serves the same): POST /v1/load_lora_adapter
/// {lora_name, lora_path} and POST /v1/unload_lora_adapter {lora_name}, which answer 200 with a line of text,
/// or an error object (vLLM's {"object":"error","message","type","code"}, or {"error":{...}} in later
/// versions; {"detail":"Not Found"} when runtime updating is off). Every answer, and no answer, becomes an
/// <see cref="AdapterCallOutcome"/>: nothing is thrown but the caller's cancellation.
/// </summary>
internal sealed class LoraAdapterClient(HttpMessageHandler handler) : IDisposable
{
    private readonly HttpClient _http = new(handler) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>How long a load may take: the engine may download the adapter first.</summary>
    public static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan UnloadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Loads the adapter at <paramref name="path"/> under <paramref name="name"/> on the server at <paramref name="server"/>;
    /// <paramref name="inPlace"/> replaces what is loaded under the name (load_inplace, which vLLM versions without it ignore).
    /// </summary>
    public Task<AdapterCallOutcome> LoadAsync(Uri server, string name, string path, bool inPlace, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["lora_name"] = name, ["lora_path"] = path };
        if (inPlace)
        {
            body["load_inplace"] = true;
        }

        return CallAsync(new Uri(server, "/v1/load_lora_adapter"), body, LoadTimeout, cancellationToken);
    }

    /// <summary>Unloads what is served under <paramref name="name"/> on the server at <paramref name="server"/>.</summary>
    public Task<AdapterCallOutcome> UnloadAsync(Uri server, string name, CancellationToken cancellationToken) =>
        CallAsync(new Uri(server, "/v1/unload_lora_adapter"), new JsonObject { ["lora_name"] = name }, UnloadTimeout, cancellationToken);

    /// <summary>The handler the operator calls pods with: straight to the pod's IP (no proxy), giving up on a connection after 5 s.</summary>
    public static SocketsHttpHandler DirectToPods() => new() { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) };

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<AdapterCallOutcome> CallAsync(Uri url, JsonObject body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.PostAsync(url, JsonContent.Create(body), deadline.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return Classify(response.StatusCode, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AdapterCallOutcome(AdapterCallOutcome.Unreachable, $"{url} did not answer within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new AdapterCallOutcome(AdapterCallOutcome.Unreachable, $"{url}: {e.Message}");
        }
    }

    private static AdapterCallOutcome Classify(HttpStatusCode status, string text)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return AdapterCallOutcome.Done(text.Trim().Trim('"'));
        }

        var (type, message) = Error(text);
        var said = $"{code} {type ?? status.ToString()}: {message}";
        return code switch
        {
            // FastAPI's answer for a route that is not there: vLLM maps the endpoints only with runtime updating on.
            404 when type is null && message == "Not Found" => new(AdapterCallOutcome.RuntimeLoadingOff, said),
            404 when message.Contains("cannot be found", StringComparison.Ordinal) => new(AdapterCallOutcome.NotLoaded, said),
            400 when message.Contains("has already been loaded", StringComparison.Ordinal) => new(AdapterCallOutcome.AlreadyLoaded, said),
            >= 500 => new(AdapterCallOutcome.EngineError, said),
            _ => new(AdapterCallOutcome.Refused, said),
        };
    }

    // vLLM's error object, flat or under "error", FastAPI's {"detail": ...}, or the text itself (cut short).
    private static (string? Type, string Message) Error(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject body)
            {
                var error = body["error"] as JsonObject ?? body;
                if (error["message"] is JsonValue message && message.TryGetValue<string>(out var said))
                {
                    return (error["type"] is JsonValue type && type.TryGetValue<string>(out var kind) ? kind : null, said);
                }

                if (body["detail"] is JsonValue detail && detail.TryGetValue<string>(out var what))
                {
                    return (null, what);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text says it.
        }

        var trimmed = text.Trim();
        return (null, trimmed.Length > 300 ? trimmed[..300] + "..." : trimmed);
    }
}
