namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// Decides whether a request is allowed: members of system:masters always are (as the API server's privileged-group
/// authorizer allows them before RBAC); anyone else when one of its RBAC rules allows the request.
/// </summary>
internal sealed class RbacAuthorizer(RuleResolver rules)
{
    /// <summary>The decision, and when denied the reason RBAC gives (bindings to missing roles), or "".</summary>
    public (bool Allowed, string Reason) Authorize(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.User.Groups.Contains(UserInfo.Masters))
        {
            return (true, "");
        }

        var (found, errors) = rules.For(request.User, request.Namespace);
        if (found.Any(r => r.Allows(request)))
        {
            return (true, "");
        }

        return (false, errors.Count switch
        {
            0 => "",
            1 => $"RBAC: {errors[0]}",
            _ => $"RBAC: [{string.Join(", ", errors)}]",
        });
    }
}
