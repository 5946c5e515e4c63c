using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// PATCH of an object, its status or its scale, in every format the API server takes; server-side
/// apply creates the object when it does not exist. Patches apply to the latest version and are
/// retried on conflicts unless they pin a resourceVersion.
/// </summary>
public sealed class PatchEndpoint(ResourceService service)
{
    private static readonly string[] CustomResourceTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];
    private static readonly string[] BuiltInTypes = [.. CustomResourceTypes, "application/strategic-merge-patch+json"];

    /// <summary>Answers a PATCH.</summary>
    public async Task HandleAsync(ApiRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Type;
        var kind = KindOf(request);
        var patch = RequestBody.Parse(await RequestBody.ReadAsync(request.Http.Request, request.Aborted).ConfigureAwait(false), yaml: kind == PatchKind.Apply);
        var options = request.WriteOptions;
        if (kind == PatchKind.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw Statuses.BadRequest("PATCH requests for server-side apply must include fieldManager");
        }

        if (request.Path.Subresource == "scale")
        {
            var scaled = ScaleSubresource.Write(service, type, request.Namespace, name,
                PatchApplier.Apply(kind, ScaleSubresource.Read(service.Get(type, request.Namespace, name)), patch, type, options), options);
            await ResponseWriter.WriteJsonAsync(request.Http, 200, ScaleSubresource.Read(scaled.Stored)).ConfigureAwait(false);
            return;
        }

        WriteResult result;
        if (kind == PatchKind.Apply && request.Path.Subresource is null && service.Store.Get(type.Key, type.Namespaced ? request.Namespace : "", name) is null)
        {
            var created = PatchApplier.Apply(kind, null, patch, type, options);
            ObjectMeta.Of(created)["name"] = name;
            result = service.Create(type, request.Namespace, created, options);
        }
        else
        {
            result = service.Mutate(type, request.Namespace, name, current => PatchApplier.Apply(kind, current, patch, type, options),
                status: request.Path.Subresource == "status", options);
        }

        ResponseWriter.AddWarnings(request.Http, result.Warnings);
        await ResponseWriter.WriteObjectAsync(request.Http, type, result.Stored, result.Created ? 201 : 200).ConfigureAwait(false);
    }

    private static PatchKind KindOf(ApiRequest request)
    {
        var contentType = (request.Http.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var supported = request.Type.IsCustom ? CustomResourceTypes : BuiltInTypes;
        if (!supported.Contains(contentType))
        {
            throw Statuses.UnsupportedMediaType(supported);
        }

        return contentType switch
        {
            "application/json-patch+json" => PatchKind.Json,
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" => PatchKind.Strategic,
            _ => PatchKind.Apply,
        };
    }
}
