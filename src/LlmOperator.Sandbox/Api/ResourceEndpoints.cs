using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api.Protobuf;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// The verbs on a resource path: get, list, watch, create, update, patch, delete and deletecollection, and the status,
/// scale, log, proxy and token subresources; the access reviews are only created.
/// </summary>
internal sealed class ResourceEndpoints(
    ResourceService service,
    WatchEndpoint watch,
    PatchEndpoint patch,
    IWatchEventFormatter objectFormatter,
    TableNegotiation tables,
    LogSubresource log,
    ProxySubresource proxy,
    AccessReviewEndpoint reviews,
    TokenRequestEndpoint tokenRequests)
{
    private static readonly string[] JsonBodyTypes = ["application/json", "application/yaml"];
    private static readonly string[] BuiltInBodyTypes = [.. JsonBodyTypes, ProtobufBody.ContentType];

    /// <summary>Answers one request.</summary>
    public Task HandleAsync(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path;
        var type = request.Type;
        if (type.CreateOnly)
        {
            return reviews.HandleAsync(request);
        }

        if (type.Namespaced ? path.Namespace is null && (path.Name is not null || request.Http.Request.Method != "GET") : path.Namespace is not null)
        {
            throw Statuses.NotFound("the server could not find the requested resource");
        }

        var method = request.Http.Request.Method;
        return (method, path.Name, path.Subresource) switch
        {
            ("GET", null, _) when request.Flag("watch") => WatchAsync(request),
            ("GET", null, _) => ListAsync(request),
            ("POST", null, _) => CreateAsync(request),
            ("DELETE", null, _) => DeleteCollectionAsync(request),
            ("GET", { } name, null or "status") => GetAsync(request, name),
            ("PUT", { } name, null or "status") => UpdateAsync(request, name, path.Subresource == "status"),
            ("PATCH", { } name, null or "status" or "scale") => patch.HandleAsync(request, name),
            ("DELETE", { } name, null) => DeleteAsync(request, name),
            ("GET", { } name, "scale") when type.HasScale =>
                ResponseWriter.WriteJsonAsync(request.Http, 200, ScaleSubresource.Read(service.Get(type, request.Namespace, name))),
            ("PUT", { } name, "scale") when type.HasScale => UpdateScaleAsync(request, name),
            ("GET", { } name, "log") when type is { Group: "", Kind: "Pod" } => log.ReadAsync(request, name),
            (_, { } name, "proxy") when type is { Group: "", Kind: "Service" or "Pod" } => proxy.ForwardAsync(request, name),
            ("POST", { } name, "token") when type is { Group: "", Kind: "ServiceAccount" } => tokenRequests.CreateAsync(request, name),
            _ when path.Subresource is not null && !IsKnownSubresource(type, path.Subresource) =>
                throw Statuses.NotFound("the server could not find the requested resource"),
            _ => throw Statuses.MethodNotAllowed(method, path.Subresource is null ? type.Plural : $"{type.Plural}/{path.Subresource}"),
        };
    }

    private static bool IsKnownSubresource(ResourceType type, string subresource) =>
        subresource switch
        {
            "status" => type.HasStatus,
            "scale" => type.HasScale,
            "proxy" => type is { Group: "", Kind: "Service" or "Pod" },
            "token" => type is { Group: "", Kind: "ServiceAccount" },
            _ => false,
        };

    private Task GetAsync(ApiRequest request, string name)
    {
        var obj = service.Get(request.Type, request.Namespace, name);
        return request.WantsTable
            ? ResponseWriter.WriteJsonAsync(request.Http, 200, tables.ForObject(request, obj))
            : ResponseWriter.WriteObjectAsync(request.Http, request.Type, obj, 200);
    }

    private Task WatchAsync(ApiRequest request) =>
        watch.RunAsync(request, LabelSelector.Parse(request.Query("labelSelector")), FieldSelector.Parse(request.Query("fieldSelector"), request.Type),
            request.WantsTable ? tables.ForWatch(request) : objectFormatter);

    private Task ListAsync(ApiRequest request)
    {
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), request.Type);
        ListPage page;
        try
        {
            page = service.Store.List(request.Type.Key, request.Path.Namespace, o => labels.Matches(o.Labels) && fields.Matches(o),
                (int)Math.Clamp(request.Number("limit") ?? 0, 0, int.MaxValue), request.Query("continue") is { Length: > 0 } token ? token : null);
        }
        catch (ArgumentException e)
        {
            throw Statuses.BadRequest(e.Message);
        }

        return request.WantsTable
            ? ResponseWriter.WriteJsonAsync(request.Http, 200, tables.ForList(request, page))
            : ResponseWriter.WriteListAsync(request.Http, request.Type, page);
    }

    private async Task CreateAsync(ApiRequest request)
    {
        var body = await ReadObjectAsync(request, request.Type.Group, request.Type.Version, request.Type.Kind).ConfigureAwait(false);
        var result = service.Create(request.Type, request.Namespace, body, request.WriteOptions);
        ResponseWriter.AddWarnings(request.Http, result.Warnings);
        await ResponseWriter.WriteObjectAsync(request.Http, request.Type, result.Stored, 201).ConfigureAwait(false);
    }

    private async Task UpdateAsync(ApiRequest request, string name, bool status)
    {
        var body = await ReadObjectAsync(request, request.Type.Group, request.Type.Version, request.Type.Kind).ConfigureAwait(false);
        var result = service.Update(request.Type, request.Namespace, name, body, status, request.WriteOptions);
        ResponseWriter.AddWarnings(request.Http, result.Warnings);
        await ResponseWriter.WriteObjectAsync(request.Http, request.Type, result.Stored, 200).ConfigureAwait(false);
    }

    private async Task UpdateScaleAsync(ApiRequest request, string name)
    {
        var scale = await ReadObjectAsync(request, "autoscaling", "v1", "Scale").ConfigureAwait(false);
        var result = ScaleSubresource.Write(service, request.Type, request.Namespace, name, scale, request.WriteOptions);
        await ResponseWriter.WriteJsonAsync(request.Http, 200, ScaleSubresource.Read(result.Stored)).ConfigureAwait(false);
    }

    private async Task DeleteAsync(ApiRequest request, string name)
    {
        var options = await ReadDeleteOptionsAsync(request).ConfigureAwait(false);
        var deleted = service.Delete(request.Type, request.Namespace, name, options);
        await ResponseWriter.WriteObjectAsync(request.Http, request.Type, deleted, 200).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(ApiRequest request)
    {
        var options = await ReadDeleteOptionsAsync(request).ConfigureAwait(false);
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), request.Type);
        var page = service.Store.List(request.Type.Key, request.Path.Namespace, o => labels.Matches(o.Labels) && fields.Matches(o));
        var deleted = new List<StoredObject>();
        foreach (var item in page.Items)
        {
            try
            {
                deleted.Add(service.Delete(request.Type, item.Namespace, item.Name, options));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted by someone else meanwhile: the collection is gone either way.
            }
        }

        await ResponseWriter.WriteListAsync(request.Http, request.Type, new ListPage(deleted, service.Store.ResourceVersion, null, null)).ConfigureAwait(false);
    }

    /// <summary>Reads the body and parses it as <see cref="ParseObject"/> does.</summary>
    private static async Task<JsonObject> ReadObjectAsync(ApiRequest request, string group, string version, string kind) =>
        ParseObject(request, await RequestBody.ReadAsync(request.Http.Request, request.Aborted).ConfigureAwait(false), group, version, kind);

    /// <summary>
    /// Parses a body of the kind given as JSON, YAML, or protobuf when the kind has a protobuf form (built-in kinds; custom
    /// resources have none, as on a real server). A missing apiVersion or kind takes the endpoint's, as the API server's
    /// decoder defaults them.
    /// </summary>
    private static JsonObject ParseObject(ApiRequest request, byte[] body, string group, string version, string kind)
    {
        var contentType = request.Http.Request.ContentType ?? "application/json";
        var protobuf = ProtobufSchemas.Instance.ForKind(group, version, kind);
        if (ProtobufBody.IsProtobuf(contentType) && protobuf is not null)
        {
            return ProtobufBody.Decode(body, protobuf, group.Length == 0 ? version : $"{group}/{version}", kind);
        }

        var yaml = contentType.StartsWith("application/yaml", StringComparison.OrdinalIgnoreCase);
        if (!yaml && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw Statuses.UnsupportedMediaType(protobuf is null ? JsonBodyTypes : BuiltInBodyTypes);
        }

        return RequestBody.ParseObject(body, yaml);
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(ApiRequest request)
    {
        var bytes = await RequestBody.ReadAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var body = bytes.Length == 0 ? [] : ParseObject(request, bytes, "", "v1", "DeleteOptions");
        var policy = body["propagationPolicy"]?.ToString() ?? request.Query("propagationPolicy");
        if (body["orphanDependents"]?.GetValue<bool>() == true || request.Flag("orphanDependents"))
        {
            policy ??= "Orphan";
        }

        return new DeleteOptions
        {
            Propagation = policy switch
            {
                null or "" => null,
                "Background" => DeletePropagation.Background,
                "Foreground" => DeletePropagation.Foreground,
                "Orphan" => DeletePropagation.Orphan,
                _ => throw Statuses.BadRequest($"propagationPolicy must be one of Background, Foreground or Orphan, not \"{policy}\""),
            },
            PreconditionUid = body["preconditions"]?["uid"]?.ToString(),
            PreconditionResourceVersion =
                body["preconditions"]?["resourceVersion"]?.ToString() is { Length: > 0 } version && long.TryParse(version, out var v)
                    ? v
                    : null,
            DryRun = request.Query("dryRun") == "All" || body["dryRun"] is JsonArray { Count: > 0 },
        };
    }
}
