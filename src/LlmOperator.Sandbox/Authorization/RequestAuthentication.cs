using LlmOperator.Sandbox.Api;
using Microsoft.AspNetCore.Http;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// Who a request is from: the bearer token names the sandbox's admin or a pod's service account (401 for anything
/// else), and <c>Impersonate-User</c> and <c>Impersonate-Group</c> headers then act as another user when the requester
/// may impersonate it (403 otherwise), as the API server's authentication and impersonation filters do.
/// </summary>
internal sealed class RequestAuthentication(ServiceAccountTokens tokens, RbacAuthorizer authorizer)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The sandbox's own token, a cluster admin's.</summary>
    public required string AdminToken { get; init; }

    /// <summary>The user the request acts as.</summary>
    public UserInfo Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.Ordinal) ? header[BearerPrefix.Length..].Trim() : "";
        var user = token.Length == 0 ? null
            : token == AdminToken ? UserInfo.Admin
            : tokens.Authenticate(token);
        return Impersonate(user ?? throw Statuses.Unauthorized(), request);
    }

    private UserInfo Impersonate(UserInfo requester, HttpRequest request)
    {
        var name = request.Headers["Impersonate-User"].ToString();
        var groups = request.Headers["Impersonate-Group"].SelectMany(g => (g ?? "").Split(',', StringSplitOptions.TrimEntries))
            .Where(g => g.Length > 0).ToList();
        if (name.Length == 0)
        {
            return groups.Count == 0
                ? requester
                : throw new ApiException(Statuses.Failure(500, "InternalError",
                    $"Internal error occurred: requested {string.Join(", ", groups.Select(g => $"Group \"{g}\""))} without impersonating a user"));
        }

        var account = UserInfo.ServiceAccountOf(name);
        var impersonate = new RequestAttributes { User = requester, Verb = "impersonate", IsResourceRequest = true };
        Require(account is var (ns, accountName)
            ? impersonate with { Resource = "serviceaccounts", Namespace = ns, Name = accountName }
            : impersonate with { Resource = "users", Name = name });
        foreach (var group in groups)
        {
            Require(impersonate with { Resource = "groups", Name = group });
        }

        return UserInfo.Impersonated(name, groups);
    }

    private void Require(RequestAttributes impersonation)
    {
        var (allowed, reason) = authorizer.Authorize(impersonation);
        if (!allowed)
        {
            throw Statuses.Forbidden(impersonation, reason);
        }
    }
}
