using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// The <c>serviceaccounts/token</c> subresource (TokenRequest): a create answers a new token for the service account,
/// which authenticates as it while the account exists, so a client outside any pod (a test's operator, say) can act as
/// a service account with exactly the RBAC bound to it.
/// </summary>
internal sealed class TokenRequestEndpoint(ResourceService service, ServiceAccountTokens tokens, TimeProvider time)
{
    private const long DefaultExpirationSeconds = 3600;

    /// <summary>Answers a create of a TokenRequest for the service account <paramref name="name"/>.</summary>
    public async Task CreateAsync(ApiRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = service.Get(request.Type, request.Namespace, name);
        var bytes = await RequestBody.ReadAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        // kubectl create token sends protobuf: its spec is not read, so it gets the defaults.
        var protobuf = request.Http.Request.ContentType?.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.OrdinalIgnoreCase) == true;
        var body = bytes.Length == 0 || protobuf ? [] : RequestBody.ParseObject(bytes);
        var spec = body["spec"]?.DeepClone() as JsonObject ?? [];
        spec["audiences"] ??= new JsonArray("https://kubernetes.default.svc.cluster.local");
        spec["expirationSeconds"] ??= DefaultExpirationSeconds;
        spec["boundObjectRef"] ??= null;
        var token = tokens.Issue(request.Namespace, account.Name) ?? throw Statuses.NotFound(request.Type, name);
        var now = time.GetUtcNow();
        await ResponseWriter.WriteJsonAsync(request.Http, 201, new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = request.Namespace, ["creationTimestamp"] = ObjectMeta.Timestamp(now) },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["token"] = token,
                ["expirationTimestamp"] = ObjectMeta.Timestamp(now.AddSeconds(spec["expirationSeconds"]!.GetValue<long>())),
            },
        }).ConfigureAwait(false);
    }
}
