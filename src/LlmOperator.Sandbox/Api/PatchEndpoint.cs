using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Patching;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// PATCH of an object, its status or its scale, in every format the API server takes; server-side
/// apply creates the object when it does not exist. Patches apply to the latest version and are
/// retried on conflicts unless they pin a resourceVersion.
/// </summary>
internal sealed class PatchEndpoint(ResourceService service, TimeProvider time)
{
    /// <summary>Answers a PATCH.</summary>
    public async Task HandleAsync(ApiRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.Type;
        var strategicMerge = !type.IsCustom && BuiltInMergeRules.SupportsStrategicMerge(type.ApiVersion, type.Kind);
        if (!PatchContentTypes.TryParse(request.Http.Request.ContentType, out var patchType) || (patchType == PatchType.StrategicMerge && !strategicMerge))
        {
            throw ToApiException(PatchContentTypes.Unsupported(strategicMerge));
        }

        var bytes = await RequestBody.ReadAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var options = request.WriteOptions;
        try
        {
            var result = patchType == PatchType.Apply
                ? Apply(request, name, RequestBody.Parse(bytes, yaml: true), options)
                : Patch(request, name, patchType, PatchBody.Parse(bytes), options);
            if (request.Path.Subresource == "scale")
            {
                await ResponseWriter.WriteJsonAsync(request.Http, 200, ScaleSubresource.Read(result.Stored)).ConfigureAwait(false);
                return;
            }

            ResponseWriter.AddWarnings(request.Http, result.Warnings);
            await ResponseWriter.WriteObjectAsync(request.Http, type, result.Stored, result.Created ? 201 : 200).ConfigureAwait(false);
        }
        catch (PatchException e)
        {
            throw ToApiException(e);
        }
    }

    private WriteResult Patch(ApiRequest request, string name, PatchType patchType, JsonNode? patch, WriteOptions options)
    {
        var type = request.Type;
        if (request.Path.Subresource == "scale")
        {
            var scale = ObjectPatcher.Patch(patchType, ScaleSubresource.Read(service.Get(type, request.Namespace, name)), patch);
            return ScaleSubresource.Write(service, type, request.Namespace, name, scale, options);
        }

        return service.Mutate(
            type,
            request.Namespace,
            name,
            current => ObjectPatcher.Patch(patchType, current, patch),
            status: request.Path.Subresource == "status",
            options);
    }

    private WriteResult Apply(ApiRequest request, string name, JsonNode? configuration, WriteOptions options)
    {
        var type = request.Type;
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw Statuses.BadRequest("PATCH requests for server-side apply must include the fieldManager query parameter");
        }

        IMergeRules rules = type.IsCustom || !BuiltInMergeRules.TryGet(type.ApiVersion, type.Kind, out var builtIn)
            ? new SchemaMergeRules(type.Schema)
            : builtIn;
        var status = request.Path.Subresource == "status";
        ApplyOptions Options(JsonObject? live) => new()
        {
            FieldManager = options.FieldManager,
            ApiVersion = type.ApiVersion,
            Now = time.GetUtcNow(),
            Force = options.Force,
            Subresource = request.Path.Subresource,
            // The main resource may not change status, nor the status subresource anything but status.
            IgnoredFields = status ? [.. (live ?? []).Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "status"))]
                : type.HasStatus ? ["status"] : [],
        };

        if (request.Path.Subresource is null && service.Store.Get(type.Key, type.Namespaced ? request.Namespace : "", name) is null)
        {
            var created = ServerSideApply.Apply(null, configuration, rules, Options(null));
            ObjectMeta.Of(created)["name"] = name;
            return service.Create(type, request.Namespace, created, options);
        }

        return service.Mutate(
            type,
            request.Namespace,
            name,
            current => ServerSideApply.Apply(current, configuration, rules, Options(current)),
            status,
            options);
    }

    private static ApiException ToApiException(PatchException e)
    {
        JsonObject? details = null;
        if (e.Causes.Count > 0)
        {
            details = new JsonObject
            {
                ["causes"] = new JsonArray([.. e.Causes.Select(c => (JsonNode?)new JsonObject
                {
                    ["reason"] = c.Type,
                    ["message"] = c.Message,
                    ["field"] = c.Field,
                })]),
            };
        }

        return new ApiException(Statuses.Failure(e.StatusCode, e.Reason, e.StatusMessage, details));
    }
}
