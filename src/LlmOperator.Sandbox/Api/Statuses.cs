using System.Globalization;
using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Resources;

namespace LlmOperator.Sandbox.Api;

/// <summary>The Status objects of the API server's refusals, with its reasons, codes and wording.</summary>
internal static class Statuses
{
    /// <summary>A Status with the given code, reason and message.</summary>
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    /// <summary>A Status that reports success, as DELETE of some resources answers.</summary>
    public static JsonObject Success(JsonObject? details = null)
    {
        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
        if (details is not null)
        {
            status["details"] = details;
        }

        return status;
    }

    /// <summary>404: the object does not exist.</summary>
    public static ApiException NotFound(ResourceType type, string name) =>
        new(Failure(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(type, name)));

    /// <summary>404: the path names nothing the server serves.</summary>
    public static ApiException NotFound(string message) => new(Failure(404, "NotFound", message));

    /// <summary>409: an object with the name exists.</summary>
    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(Failure(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(type, name)));

    /// <summary>409: the object changed since the client read it.</summary>
    public static ApiException Conflict(ResourceType type, string name, string why) =>
        new(Failure(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {why}", Details(type, name)));

    /// <summary>422: the object breaks its schema or rules; one cause per field error.</summary>
    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var details = Details(type, name, kindOnly: true);
        details["causes"] = new JsonArray([.. errors.Select(e => (JsonNode?)new JsonObject
        {
            ["reason"] = CauseReason(e.Type),
            ["message"] = e.Body,
            ["field"] = e.Path,
        })]);
        return new ApiException(Failure(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {list}", details));
    }

    /// <summary>400: the request cannot be understood.</summary>
    public static ApiException BadRequest(string message) => new(Failure(400, "BadRequest", message));

    /// <summary>405: the verb is not allowed on the path.</summary>
    public static ApiException MethodNotAllowed(string verb, string what) =>
        new(Failure(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({verb} {what})"));

    /// <summary>406: the client accepts nothing the server can send.</summary>
    public static ApiException NotAcceptable(string accept) =>
        new(Failure(406, "NotAcceptable", $"the server was unable to respond with a content type that the client supports (accept: {accept})"));

    /// <summary>410: the resourceVersion is older than the history kept.</summary>
    public static ApiException Gone(string message) => new(Failure(410, "Expired", message));

    /// <summary>413: the body exceeds the request size limit.</summary>
    public static ApiException TooLarge(long limit) =>
        new(Failure(413, "RequestEntityTooLarge", $"Request entity too large: limit is {limit.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>415: the body's content type is not one the verb takes.</summary>
    public static ApiException UnsupportedMediaType(IEnumerable<string> supported) =>
        new(Failure(
            415,
            "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", supported)}"));

    /// <summary>401: no valid bearer token.</summary>
    public static ApiException Unauthorized() => new(Failure(401, "Unauthorized", "Unauthorized"));

    /// <summary>403: an admission plugin refused the object, as <c>admission.NewForbidden</c> words it.</summary>
    public static ApiException AdmissionForbidden(ResourceType type, string name, string why) =>
        new(Failure(403, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: {why}", Details(type, name)));

    /// <summary>
    /// 403: the authorizer denied the request, worded as kube-apiserver words it
    /// (<c>pods "x" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "ns"</c>), with RBAC's reason appended.
    /// </summary>
    public static ApiException Forbidden(RequestAttributes request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.User.Name;
        var resource = request.Subresource.Length == 0 ? request.Resource : $"{request.Resource}/{request.Subresource}";
        var denial = !request.IsResourceRequest ? $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\""
            : request.Namespace.Length > 0
                ? $"User \"{user}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" in the namespace \"{request.Namespace}\""
                : $"User \"{user}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" at the cluster scope";
        if (reason.Length > 0)
        {
            denial = $"{denial}: {reason}";
        }

        var qualified = !request.IsResourceRequest ? "" : request.ApiGroup.Length == 0 ? request.Resource : $"{request.Resource}.{request.ApiGroup}";
        var details = new JsonObject();
        if (request.Name.Length > 0)
        {
            details["name"] = request.Name;
        }

        if (request.ApiGroup.Length > 0)
        {
            details["group"] = request.ApiGroup;
        }

        if (qualified.Length > 0)
        {
            details["kind"] = request.Resource;
        }

        var message = qualified.Length == 0 ? $"forbidden: {denial}"
            : request.Name.Length == 0 ? $"{qualified} is forbidden: {denial}"
            : $"{qualified} \"{request.Name}\" is forbidden: {denial}";
        return new ApiException(Failure(403, "Forbidden", message, details));
    }

    /// <summary>A fault injected by a test, with the reason the real server uses for that code.</summary>
    public static ApiException Injected(int code) => new(Failure(code, ReasonFor(code), $"injected fault: {ReasonFor(code)}"));

    /// <summary>The Kubernetes reason for an HTTP status code.</summary>
    public static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        410 => "Expired",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "Unknown",
    };

    private static JsonObject Details(ResourceType type, string name, bool kindOnly = false)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = kindOnly ? type.Kind : type.Plural;
        return details;
    }

    private static string CauseReason(FieldErrorType type) => type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.Internal => "InternalError",
        _ => "FieldValueInvalid",
    };
}
