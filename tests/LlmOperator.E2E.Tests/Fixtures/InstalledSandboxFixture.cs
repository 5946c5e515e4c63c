using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// A sandbox with what an install puts around the operator: the CRDs, and the ClusterRoles its evaluation Jobs and
/// routers are bound to (config/rbac, which the packaging tests keep equal to the chart's default render). The sandbox
/// enforces RBAC, so those pods run with exactly these permissions, and a missing one fails them as on a cluster.
/// </summary>
public class InstalledSandboxFixture : CrdSandboxFixture
{
    /// <summary>The manifests of the ClusterRoles that evaluation Jobs and routers are bound to.</summary>
    public static readonly string[] NamespaceRoleManifests =
        [Path.Combine("config", "rbac", "eval_role.yaml"), Path.Combine("config", "rbac", "router_role.yaml")];

    /// <inheritdoc />
    protected override IReadOnlyList<string> InitialManifests => [.. base.InitialManifests, .. NamespaceRoleManifests];
}
