using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Workloads;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// The services/proxy and pods/proxy subresources, as the API server forwards them: <c>services/NAME[:PORT]/proxy/PATH</c>
/// reaches a ready pod behind the Service (as the cluster's proxy does), <c>pods/NAME[:PORT]/proxy/PATH</c> the pod itself;
/// the method, query, body and content type go through, and the answer comes back as it is.
/// </summary>
internal sealed class ProxySubresource(ResourceService service, ServiceResolver resolver) : IDisposable
{
    private static readonly string[] Forwarded = ["Content-Type", "Accept"];
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public async Task ForwardAsync(ApiRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        // [scheme:]name[:port], where the port is a number or a port's name.
        var parts = name.Split(':');
        var (target, port) = parts switch
        {
            [var n] => (n, ""),
            [var n, var p] => (n, p),
            [_, var n, var p] => (n, p),
            _ => throw Statuses.BadRequest($"\"{name}\" is not name[:port]"),
        };
        var address = Address(request, target, port);
        var uri = new Uri(address, "/" + request.Path.ProxiedPath + request.Http.Request.QueryString);
        using var forward = new HttpRequestMessage(new HttpMethod(request.Http.Request.Method), uri);
        if (request.Http.Request.ContentLength is > 0 || request.Http.Request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Http.Request.Body);
        }

        foreach (var header in Forwarded.Where(h => request.Http.Request.Headers.ContainsKey(h)))
        {
            if (!forward.Headers.TryAddWithoutValidation(header, request.Http.Request.Headers[header].ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(header, request.Http.Request.Headers[header].ToArray());
            }
        }

        HttpResponseMessage answer;
        try
        {
            answer = await _http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, request.Aborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var what = request.Type.Kind.ToLowerInvariant();
            throw new ApiException(Statuses.Failure(503, "ServiceUnavailable", $"error trying to reach {what} \"{target}\": {e.Message}"));
        }

        using (answer)
        {
            request.Http.Response.StatusCode = (int)answer.StatusCode;
            if (answer.Content.Headers.ContentType is { } type)
            {
                request.Http.Response.ContentType = type.ToString();
            }

            await answer.Content.CopyToAsync(request.Http.Response.Body, request.Aborted).ConfigureAwait(false);
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri Address(ApiRequest request, string target, string port)
    {
        var obj = service.Get(request.Type, request.Namespace, target).ToJsonObject();
        if (request.Type.Kind == "Pod")
        {
            var ip = obj["status"]?["podIP"]?.ToString()
                ?? throw new ApiException(Statuses.Failure(503, "ServiceUnavailable", $"pod \"{target}\" has no IP yet"));
            return new Uri($"http://{ip}:{(port.Length > 0 ? ContainerPort(obj, port) : FirstContainerPort(obj))}");
        }

        try
        {
            return resolver.Resolve($"{target}.{request.Namespace}.svc", ServicePort(obj, port))
                ?? throw Statuses.NotFound($"service \"{target}\" not found");
        }
        catch (ServiceUnavailableException e)
        {
            throw new ApiException(Statuses.Failure(503, "ServiceUnavailable", e.Message));
        }
    }

    // A Service's port by number or name; 0 lets a Service with one port use it.
    private static int ServicePort(JsonObject service, string port)
    {
        if (port.Length == 0)
        {
            return 0;
        }

        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var named = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => p["name"]?.ToString() == port)
            ?? throw Statuses.NotFound($"service has no port named \"{port}\"");
        return JsonKinds.TryGetInteger(named["port"], out var declared) ? (int)declared : 0;
    }

    private static string ContainerPort(JsonObject pod, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? port
            : Ports(pod).FirstOrDefault(p => p["name"]?.ToString() == port)?["containerPort"]?.ToString()
                ?? throw Statuses.NotFound($"pod has no port named \"{port}\"");

    private static string FirstContainerPort(JsonObject pod) =>
        Ports(pod).FirstOrDefault()?["containerPort"]?.ToString() ?? "80";

    private static IEnumerable<JsonObject> Ports(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>());
}
