namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// Who a request is from, as the API server's authenticators and impersonation name it: a user name and
/// its groups, which RBAC bindings match.
/// </summary>
/// <param name="Name">The user name, for example kubernetes-admin or system:serviceaccount:ns:name.</param>
/// <param name="Groups">The groups, for example system:masters and system:authenticated.</param>
internal sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>The group every authenticated user is in.</summary>
    public const string Authenticated = "system:authenticated";

    /// <summary>The group RBAC does not consult: its members may do anything, as on a real cluster.</summary>
    public const string Masters = "system:masters";

    /// <summary>The prefix of a service account's user name.</summary>
    public const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>The sandbox's own token: a cluster admin, as a kubeadm cluster's admin.conf.</summary>
    public static UserInfo Admin { get; } = new("kubernetes-admin", [Masters, Authenticated]);

    /// <summary>A service account's identity, with the groups the token authenticator gives it.</summary>
    public static UserInfo ServiceAccount(string ns, string name) =>
        new($"{ServiceAccountPrefix}{ns}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{ns}", Authenticated]);

    /// <summary>
    /// The user a request impersonates: a service account name with no groups given gets its own groups; every user
    /// but system:anonymous is also in system:authenticated.
    /// </summary>
    public static UserInfo Impersonated(string name, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0 && ServiceAccountOf(name) is var (ns, account))
        {
            return ServiceAccount(ns, account);
        }

        return name == "system:anonymous" || groups.Contains(Authenticated) ? new UserInfo(name, groups) : new UserInfo(name, [.. groups, Authenticated]);
    }

    /// <summary>The namespace and name of a service account's user name, or null for other users.</summary>
    public static (string Namespace, string Name)? ServiceAccountOf(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = user[ServiceAccountPrefix.Length..].Split(':');
        return parts is [{ Length: > 0 } ns, { Length: > 0 } name] ? (ns, name) : null;
    }
}
