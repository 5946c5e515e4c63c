using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Authorization;

/// <summary>
/// The rules that apply to a user in a namespace, as RBAC's rule resolver finds them in the store: those of the
/// ClusterRoles bound by ClusterRoleBindings, then those of the Roles and ClusterRoles bound by RoleBindings of the
/// namespace, to a subject that is the user, one of its groups, or its service account. A binding to a role that
/// does not exist grants nothing and is reported, as the API server reports it in a Forbidden reason.
/// </summary>
internal sealed class RuleResolver(ObjectStore store)
{
    private static readonly ResourceKey Roles = new("rbac.authorization.k8s.io", "roles");
    private static readonly ResourceKey RoleBindings = new("rbac.authorization.k8s.io", "rolebindings");
    private static readonly ResourceKey ClusterRoles = new("rbac.authorization.k8s.io", "clusterroles");
    private static readonly ResourceKey ClusterRoleBindings = new("rbac.authorization.k8s.io", "clusterrolebindings");

    /// <summary>The rules, and the errors met (bindings to roles that do not exist), of a user in <paramref name="ns"/> ("" for cluster scope).</summary>
    public (IReadOnlyList<PolicyRule> Rules, IReadOnlyList<string> Errors) For(UserInfo user, string ns)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ns);
        var rules = new List<PolicyRule>(BootstrapPolicy.RulesFor(user));
        var errors = new List<string>();
        var bindings = store.List(ClusterRoleBindings, null).Items.Select(b => (Binding: b.ToJsonObject(), Namespace: ""));
        if (ns.Length > 0)
        {
            bindings = bindings.Concat(store.List(RoleBindings, ns).Items.Select(b => (Binding: b.ToJsonObject(), Namespace: ns)));
        }

        foreach (var (binding, bindingNamespace) in bindings)
        {
            if (!(binding["subjects"] as JsonArray ?? []).OfType<JsonObject>().Any(s => AppliesTo(s, user, bindingNamespace)))
            {
                continue;
            }

            var kind = binding["roleRef"]?["kind"]?.ToString();
            var name = binding["roleRef"]?["name"]?.ToString() ?? "";
            var role = kind == "Role" ? store.Get(Roles, bindingNamespace, name) : store.Get(ClusterRoles, "", name);
            if (role is null)
            {
                errors.Add($"{(kind == "Role" ? "role" : "clusterrole")}.rbac.authorization.k8s.io \"{name}\" not found");
                continue;
            }

            rules.AddRange((role.ToJsonObject()["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(PolicyRule.FromJson));
        }

        return (rules, errors);
    }

    private static bool AppliesTo(JsonObject subject, UserInfo user, string bindingNamespace)
    {
        var name = subject["name"]?.ToString() ?? "";
        switch (subject["kind"]?.ToString())
        {
            case "User":
                return name == user.Name;
            case "Group":
                return user.Groups.Contains(name);
            case "ServiceAccount":
                var ns = subject["namespace"]?.ToString() is { Length: > 0 } explicitNamespace ? explicitNamespace : bindingNamespace;
                return ns.Length > 0 && user.Name == $"{UserInfo.ServiceAccountPrefix}{ns}:{name}";
            default:
                return false;
        }
    }
}
