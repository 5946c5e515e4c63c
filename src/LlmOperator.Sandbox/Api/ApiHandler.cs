using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Faults;
using LlmOperator.Sandbox.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// The one entry point of every HTTP request: health and version (open), then authentication (the bearer token and
/// impersonation), injected faults, RBAC authorization, discovery, OpenAPI and resource paths. Every refusal is a Status object.
/// </summary>
internal sealed partial class ApiHandler(
    ResourceRegistry registry,
    ResourceEndpoints resources,
    RequestAuthentication authentication,
    RbacAuthorizer authorizer,
    FaultInjector faults,
    RequestLog log,
    TimeProvider time,
    ILogger<ApiHandler> logger)
{
    private static readonly JsonObject Version = new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-llmoperator-sandbox",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>host:port, as discovery reports the server's address.</summary>
    public required string ServerAddress { get; set; }

    /// <summary>Answers a request.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var started = time.GetUtcNow();
        var verb = http.Request.Method;
        try
        {
            verb = await RouteAsync(http).ConfigureAwait(false);
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            await ResponseWriter.WriteStatusAsync(http, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            LogUnhandled(logger, e, http.Request.Method, http.Request.Path);
            await ResponseWriter.WriteStatusAsync(
                    http, new ApiException(Statuses.Failure(500, "InternalError", $"Internal error occurred: {e.Message}")))
                .ConfigureAwait(false);
        }
        finally
        {
            log.Add(new RequestRecord(
                started,
                verb,
                http.Request.Path.Value ?? "",
                http.Request.QueryString.Value ?? "",
                http.Response.StatusCode,
                http.Request.Headers.UserAgent.ToString(),
                http.Request.ContentType ?? ""));
        }
    }

    private async Task<string> RouteAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/healthz" or "/readyz" or "/livez":
                http.Response.ContentType = "text/plain";
                await http.Response.WriteAsync("ok", http.RequestAborted).ConfigureAwait(false);
                return "GET";
            case "/version":
                await ResponseWriter.WriteJsonAsync(http, 200, Version).ConfigureAwait(false);
                return "GET";
        }

        var user = authentication.Authenticate(http.Request);
        await faults.BeforeAsync(http).ConfigureAwait(false);
        var attributes = RequestAttributes.FromRequest(
            user, http.Request.Method, path, name => http.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null);
        var (allowed, reason) = authorizer.Authorize(attributes);
        if (!allowed)
        {
            throw Statuses.Forbidden(attributes, reason);
        }

        var segments = path.Trim('/').Split('/');
        switch (segments)
        {
            case ["api"]:
                await ResponseWriter.WriteJsonAsync(http, 200, DiscoveryDocuments.CoreVersions(ServerAddress)).ConfigureAwait(false);
                return "GET";
            case ["apis"]:
                await ResponseWriter.WriteJsonAsync(http, 200, DiscoveryDocuments.GroupList(registry)).ConfigureAwait(false);
                return "GET";
            case ["apis", var group]:
                await ResponseWriter.WriteJsonAsync(http, 200, DiscoveryDocuments.Group(registry, group) ?? throw NotFound()).ConfigureAwait(false);
                return "GET";
            case ["openapi", "v2"]:
                // kubectl only needs this to answer; client-side validation uses v3.
                http.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
                return "GET";
            case ["openapi", "v3"]:
                await ResponseWriter.WriteJsonAsync(http, 200, OpenApiDocuments.Root(registry)).ConfigureAwait(false);
                return "GET";
            case ["openapi", "v3", "api", var coreVersion]:
                await ResponseWriter.WriteJsonAsync(http, 200, OpenApiDocuments.GroupVersion(registry, "", coreVersion) ?? throw NotFound())
                    .ConfigureAwait(false);
                return "GET";
            case ["openapi", "v3", "apis", var group, var version]:
                await ResponseWriter.WriteJsonAsync(http, 200, OpenApiDocuments.GroupVersion(registry, group, version) ?? throw NotFound())
                    .ConfigureAwait(false);
                return "GET";
        }

        var apiPath = ApiPath.Parse(path) ?? throw NotFound();
        if (apiPath.Resource is null)
        {
            await ResponseWriter.WriteJsonAsync(
                    http, 200, DiscoveryDocuments.ResourceList(registry, apiPath.Group, apiPath.Version) ?? throw NotFound())
                .ConfigureAwait(false);
            return "GET";
        }

        var type = registry.Find(apiPath.Group, apiPath.Version, apiPath.Resource) ?? throw NotFound();
        var request = new ApiRequest(http, apiPath, type, user);
        await resources.HandleAsync(request).ConfigureAwait(false);
        return VerbOf(request);
    }

    private static string VerbOf(ApiRequest request) => (request.Http.Request.Method, request.Path.Name) switch
    {
        ("GET", null) => request.Flag("watch") ? "watch" : "list",
        ("GET", _) => "get",
        ("POST", _) => "create",
        ("PUT", _) => "update",
        ("PATCH", _) => "patch",
        ("DELETE", null) => "deletecollection",
        ("DELETE", _) => "delete",
        var (method, _) => method,
    };

    private static ApiException NotFound() => Statuses.NotFound("the server could not find the requested resource");

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string? path);
}
