using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Controllers.Tests.Common;

/// <summary>
/// The engines of a cluster's pods as the operator reaches them over HTTP, answering /v1/load_lora_adapter and
/// /v1/unload_lora_adapter as vLLM 0.6 does (a line of text, or {"object":"error",...}; load_inplace, which came
/// later, is ignored, so a name taken is refused); a test can answer
/// for a pod instead (an error, or no answer at all).
/// </summary>
internal sealed class FakeEngines : HttpMessageHandler
{
    /// <summary>What each server (host:port) has loaded: name to lora_path.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, string>> Loaded { get; } = new(StringComparer.Ordinal);

    /// <summary>Every call, in order: "host:port /v1/load_lora_adapter {body}".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>An answer in place of the engine's, or null to let it answer; throwing stands for a pod that does not answer.</summary>
    public Func<Uri, JsonObject, HttpResponseMessage?> Override { get; set; } = (_, _) => null;

    /// <summary>vLLM's error answer.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string type, string message) =>
        Json(status, new JsonObject { ["object"] = "error", ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = (int)status });

    /// <summary>A JSON answer.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    /// <summary>Every call to a pod's adapter loader, in order: "host:port PUT /adapters/VERSION {body}" or "host:port DELETE /adapters/VERSION".</summary>
    public ConcurrentQueue<string> LoaderCalls { get; } = new();

    /// <summary>
    /// The answer of a pod's adapter loader to a PUT /adapters/{version} (given the URL and body), or null for the loader that
    /// has every version: 200 {"path": "/var/lib/llmop/adapters/VERSION"}.
    /// </summary>
    public Func<Uri, JsonObject, HttpResponseMessage?> Loader { get; set; } = (_, _) => null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.StartsWith("/adapters/", StringComparison.Ordinal))
        {
            return await LoaderAsync(request, cancellationToken);
        }

        var body = (JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)) as JsonObject)!;
        var uri = request.RequestUri!;
        Calls.Enqueue($"{uri.Authority} {uri.AbsolutePath} {body.ToJsonString()}");
        if (Override(uri, body) is { } answer)
        {
            return answer;
        }

        var loaded = Loaded.GetOrAdd(uri.Authority, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        var name = body["lora_name"]!.GetValue<string>();
        return uri.AbsolutePath switch
        {
            "/v1/load_lora_adapter" when !loaded.TryAdd(name, body["lora_path"]!.GetValue<string>()) =>
                Error(HttpStatusCode.BadRequest, "InvalidUserInput", $"The lora adapter '{name}' has already been loaded."),
            "/v1/load_lora_adapter" => new(HttpStatusCode.OK) { Content = new StringContent($"Success: LoRA adapter '{name}' added successfully.") },
            "/v1/unload_lora_adapter" when !loaded.TryRemove(name, out _) =>
                Error(HttpStatusCode.NotFound, "NotFoundError", $"The lora adapter '{name}' cannot be found."),
            "/v1/unload_lora_adapter" => new(HttpStatusCode.OK) { Content = new StringContent($"Success: LoRA adapter '{name}' removed successfully.") },
            _ => Json(HttpStatusCode.NotFound, new JsonObject { ["detail"] = "Not Found" }),
        };
    }

    // The adapter loader: PUT and DELETE /adapters/{version}.
    private async Task<HttpResponseMessage> LoaderAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var text = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        LoaderCalls.Enqueue($"{uri.Authority} {request.Method} {uri.AbsolutePath} {text}".TrimEnd());
        if (request.Method == HttpMethod.Delete)
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        var body = (JsonNode.Parse(text) as JsonObject)!;
        return Loader(uri, body)
            ?? Json(HttpStatusCode.OK, new JsonObject { ["path"] = "/var/lib/llmop/adapters" + uri.AbsolutePath["/adapters".Length..] });
    }
}
