using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Api.Protobuf;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// The authorization.k8s.io/v1 reviews, which are created and answered, never stored: SelfSubjectAccessReview
/// (<c>kubectl auth can-i</c>) and SubjectAccessReview ask the authorizer about one request, SelfSubjectRulesReview
/// (<c>kubectl auth can-i --list</c>) lists the rules that apply in a namespace. kubectl sends them as protobuf.
/// </summary>
internal sealed class AccessReviewEndpoint(RbacAuthorizer authorizer, RuleResolver rules)
{
    /// <summary>Answers a create of a review; any other verb is not allowed.</summary>
    public async Task HandleAsync(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Http.Request.Method != "POST" || request.Path.Name is not null)
        {
            throw Statuses.MethodNotAllowed(request.Http.Request.Method, request.Type.Plural);
        }

        var bytes = await RequestBody.ReadAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var contentType = request.Http.Request.ContentType ?? "application/json";
        var review = ProtobufBody.IsProtobuf(contentType)
            ? ProtobufBody.Decode(bytes, Schema(request.Type), request.Type.ApiVersion, request.Type.Kind)
            : RequestBody.ParseObject(bytes, contentType.StartsWith("application/yaml", StringComparison.OrdinalIgnoreCase));
        review["apiVersion"] = request.Type.ApiVersion;
        review["kind"] = request.Type.Kind;
        var spec = review["spec"] as JsonObject ?? [];
        review["status"] = request.Type.Kind switch
        {
            "SelfSubjectRulesReview" => RulesStatus(request.User, spec),
            "SubjectAccessReview" => AccessStatus(
                new UserInfo(spec["user"]?.ToString() ?? "", [.. (spec["groups"] as JsonArray ?? []).Select(g => g?.ToString() ?? "")]), spec),
            _ => AccessStatus(request.User, spec),
        };
        await ResponseWriter.WriteJsonAsync(request.Http, 201, review).ConfigureAwait(false);
    }

    private static MessageSchema Schema(Resources.ResourceType type) =>
        ProtobufSchemas.Instance.ForKind(type.Group, type.Version, type.Kind)
            ?? throw Statuses.UnsupportedMediaType(["application/json", "application/yaml"]);

    private JsonObject AccessStatus(UserInfo user, JsonObject spec)
    {
        RequestAttributes attributes;
        if (spec["resourceAttributes"] is JsonObject resource)
        {
            attributes = new RequestAttributes
            {
                User = user,
                Verb = Text(resource, "verb"),
                IsResourceRequest = true,
                ApiGroup = Text(resource, "group"),
                ApiVersion = Text(resource, "version"),
                Namespace = Text(resource, "namespace"),
                Resource = Text(resource, "resource"),
                Subresource = Text(resource, "subresource"),
                Name = Text(resource, "name"),
            };
        }
        else if (spec["nonResourceAttributes"] is JsonObject nonResource)
        {
            attributes = new RequestAttributes { User = user, Verb = Text(nonResource, "verb"), Path = Text(nonResource, "path") };
        }
        else
        {
            throw Statuses.BadRequest("exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        var (allowed, reason) = authorizer.Authorize(attributes);
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        return status;
    }

    private JsonObject RulesStatus(UserInfo user, JsonObject spec)
    {
        var ns = Text(spec, "namespace");
        if (ns.Length == 0)
        {
            throw Statuses.BadRequest("no namespace on request");
        }

        var (found, errors) = rules.For(user, ns);
        var status = new JsonObject
        {
            ["resourceRules"] = new JsonArray([.. found.Where(r => r.NonResourceUrls.Count == 0).Select(r => (JsonNode?)r.ToJson())]),
            ["nonResourceRules"] = new JsonArray([.. found.Where(r => r.NonResourceUrls.Count > 0).Select(r => (JsonNode?)r.ToJson())]),
            ["incomplete"] = false,
        };
        if (errors.Count > 0)
        {
            status["evaluationError"] = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        }

        return status;
    }

    private static string Text(JsonObject obj, string field) => obj[field]?.ToString() ?? "";
}
