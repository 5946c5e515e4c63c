using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>
/// The loader's HTTP API. PUT /adapters/{version} {"source", "revision"}: 200 {"path"} once the version is on disk,
/// 202 {"status": "fetching"} while it is fetched, 422 {"message"} when the last fetch was refused (not found, not an
/// adapter, too large, unsafe) and 502 {"message"} when its source failed; after a failure, the next PUT fetches
/// again. DELETE /adapters/{version}: 204 once it is gone, 202 while it is being fetched (it is deleted when the fetch
/// ends, unless a PUT asks for it again meanwhile). GET /healthz: 200. A PUT whose version is not the name of its
/// source and revision (<see cref="AdapterVersion.NameOf"/>) is 409: the loader takes requests from anyone who reaches
/// the pod, and a version is loaded into the engine by its name.
/// </summary>
internal static class AdapterLoaderEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAdapterLoader(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/healthz", () => Results.Text("ok"));
        routes.MapPut("/adapters/{version}", PutAsync);
        routes.MapDelete("/adapters/{version}", (string version, HttpContext context) =>
            !AdapterStore.IsVersion(version) ? Invalid(version)
            : context.RequestServices.GetRequiredService<AdapterStore>().Delete(version) ? Results.NoContent()
            : Results.Json(new JsonObject { ["message"] = $"version {version} is being fetched: it is deleted when its fetch ends" },
                statusCode: StatusCodes.Status202Accepted));
        return routes;
    }

    private static async Task<IResult> PutAsync(string version, HttpContext context)
    {
        if (!AdapterStore.IsVersion(version))
        {
            return Invalid(version);
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Message(StatusCodes.Status400BadRequest, $"the body is not JSON: {e.Message}");
        }

        var source = (body?["source"] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;
        var revision = (body?["revision"] as JsonValue)?.TryGetValue<string>(out var r) == true ? r : null;
        if (string.IsNullOrEmpty(source))
        {
            return Message(StatusCodes.Status400BadRequest, "give the adapter's source: {\"source\": \"...\", \"revision\": \"...\"}");
        }

        // Anyone who reaches the pod's port could otherwise put other weights under a name the operator will ask for.
        if (version != AdapterVersion.NameOf(source, revision))
        {
            var of = revision is null ? source : $"{source} at {revision}";
            return Message(StatusCodes.Status409Conflict, $"version {version} is not the version of {of}: a version is named by its source and revision");
        }

        var state = context.RequestServices.GetRequiredService<AdapterStore>().Request(version, new AdapterFetchRequest(source, revision));
        return state switch
        {
            { Path: { } path } => Results.Json(new JsonObject { ["path"] = path }),
            { Error: { } error } => Message(state.Refused ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status502BadGateway, error),
            _ => Results.Json(new JsonObject { ["status"] = "fetching" }, statusCode: StatusCodes.Status202Accepted),
        };
    }

    private static IResult Invalid(string version) =>
        Message(StatusCodes.Status400BadRequest, $"'{version}' is not a version name (lowercase letters, digits and '-', up to 63)");

    private static IResult Message(int status, string message) => Results.Json(new JsonObject { ["message"] = message }, statusCode: status);
}
