using System.Globalization;
using LlmOperator.Sandbox.Authorization;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;
using Microsoft.AspNetCore.Http;

namespace LlmOperator.Sandbox.Api;

/// <summary>One request for a resource, with its path taken apart and its query parameters read as the API server reads them.</summary>
internal sealed class ApiRequest(HttpContext http, ApiPath path, ResourceType type, UserInfo user)
{
    /// <summary>The HTTP exchange.</summary>
    public HttpContext Http { get; } = http;

    /// <summary>The parsed path.</summary>
    public ApiPath Path { get; } = path;

    /// <summary>The kind addressed.</summary>
    public ResourceType Type { get; } = type;

    /// <summary>Who the request acts as, once authenticated and impersonated.</summary>
    public UserInfo User { get; } = user;

    /// <summary>The namespace addressed, or "" for all namespaces or a cluster-scoped kind.</summary>
    public string Namespace => Path.Namespace ?? "";

    /// <summary>The request's cancellation (client gone or server stopping).</summary>
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>A query parameter, or null.</summary>
    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>A boolean query parameter (true, 1).</summary>
    public bool Flag(string name) => Query(name) is "true" or "1" or "True";

    /// <summary>An integer query parameter, or null; 400 when it is not a number.</summary>
    public long? Number(string name)
    {
        var text = Query(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Statuses.BadRequest($"invalid value for {name}: \"{text}\"");
    }

    /// <summary>Whether the client asked for a Table (kubectl get).</summary>
    public bool WantsTable => Http.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    /// <summary>The write options of the query: fieldValidation, dryRun, fieldManager, force.</summary>
    public WriteOptions WriteOptions => new()
    {
        FieldValidation = Query("fieldValidation") switch
        {
            null or "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            var other => throw Statuses.BadRequest($"fieldValidation must be one of Strict, Warn or Ignore, not \"{other}\""),
        },
        DryRun = Query("dryRun") switch
        {
            null or "" => false,
            "All" => true,
            var other => throw Statuses.BadRequest($"Invalid dry run value: \"{other}\"; the only supported value is \"All\""),
        },
        FieldManager = Query("fieldManager"),
        Force = Flag("force"),
    };
}
