namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// The default ClusterRoleBindings a cluster starts with, for the groups they name: system:masters may do
/// anything (cluster-admin), and every authenticated user may read discovery, health and version
/// (system:discovery, system:public-info-viewer) and review its own access (system:basic-user). They are built
/// in rather than stored, so the store holds only what clients created.
/// </summary>
internal static class BootstrapPolicy
{
    private static readonly string[] Get = ["get"];

    private static readonly PolicyRule[] ClusterAdmin =
    [
        PolicyRule.ForResources(["*"], ["*"], ["*"]),
        PolicyRule.ForUrls(["*"], ["*"]),
    ];

    private static readonly PolicyRule[] AuthenticatedUser =
    [
        PolicyRule.ForResources(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
        PolicyRule.ForUrls(Get, ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]),
    ];

    /// <summary>The rules the default bindings give a user through its groups.</summary>
    public static IEnumerable<PolicyRule> RulesFor(UserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Groups.SelectMany(group => group switch
        {
            UserInfo.Masters => ClusterAdmin,
            UserInfo.Authenticated => AuthenticatedUser,
            _ => [],
        });
    }
}
