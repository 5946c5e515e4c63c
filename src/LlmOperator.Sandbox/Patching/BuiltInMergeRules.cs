using System.Diagnostics.CodeAnalysis;

namespace LlmOperator.Sandbox.Patching;

/// <summary>
/// The merge rules of the built-in kinds the sandbox serves, taken from the <c>patchStrategy</c> and
/// <c>patchMergeKey</c> tags of k8s.io/api. A kind listed here accepts strategic merge patch; any other kind
/// (every custom resource) is answered 415 by the real API server.
/// </summary>
internal static class BuiltInMergeRules
{
    private static readonly (string Path, ListMerge Merge)[] ObjectMeta =
    [
        ("metadata.finalizers", ListMerge.Set),
        ("metadata.ownerReferences", ListMerge.Map("uid")),
    ];

    private static readonly (string Path, ListMerge Merge)[] Container =
    [
        ("ports", ListMerge.Map("containerPort")),
        ("env", ListMerge.Map("name")),
        ("volumeMounts", ListMerge.Map("mountPath")),
        ("volumeDevices", ListMerge.Map("devicePath")),
    ];

    private static readonly string[] ContainerLists = ["containers", "initContainers", "ephemeralContainers"];

    private static readonly (string Path, ListMerge Merge)[] PodSpec =
    [
        .. ContainerLists.Select(list => (list, ListMerge.Map("name"))),
        .. ContainerLists.SelectMany(list => Under(list, Container)),
        ("volumes", ListMerge.Map("name")),
        ("imagePullSecrets", ListMerge.Map("name")),
        ("hostAliases", ListMerge.Map("ip")),
        ("topologySpreadConstraints", ListMerge.Map("topologyKey")),
        ("schedulingGates", ListMerge.Map("name")),
        ("resourceClaims", ListMerge.Map("name")),
    ];

    private static readonly (string Path, ListMerge Merge)[] StatusConditions = [("status.conditions", ListMerge.Map("type"))];

    private static readonly DeclaredMergeRules ObjectMetaOnly = Rules([]);

    private static readonly DeclaredMergeRules PodTemplateOwner = Rules(
        [.. Under("spec.template.spec", PodSpec), .. StatusConditions],
        "spec.selector",
        "spec.template.spec.nodeSelector");

    private static readonly Dictionary<(string Group, string Kind), DeclaredMergeRules> Kinds = new()
    {
        [("", "Pod")] = Rules(
            [.. Under("spec", PodSpec), .. StatusConditions, ("status.podIPs", ListMerge.Map("ip")), ("status.hostIPs", ListMerge.Map("ip"))],
            "spec.nodeSelector"),
        [("apps", "Deployment")] = PodTemplateOwner,
        [("apps", "ReplicaSet")] = PodTemplateOwner,
        [("batch", "Job")] = PodTemplateOwner,
        [("", "Service")] = Rules([("spec.ports", ListMerge.Map("port")), .. StatusConditions], "spec.selector"),
        [("", "Namespace")] = Rules(StatusConditions),
        [("", "ServiceAccount")] = Rules([("secrets", ListMerge.Map("name"))]),
        [("", "ConfigMap")] = ObjectMetaOnly,
        [("", "Secret")] = ObjectMetaOnly,
        [("", "Event")] = ObjectMetaOnly,
        [("events.k8s.io", "Event")] = ObjectMetaOnly,
        [("rbac.authorization.k8s.io", "Role")] = ObjectMetaOnly,
        [("rbac.authorization.k8s.io", "RoleBinding")] = ObjectMetaOnly,
        [("coordination.k8s.io", "Lease")] = ObjectMetaOnly,
        [("apiextensions.k8s.io", "CustomResourceDefinition")] = ObjectMetaOnly,
    };

    /// <summary>The merge lists every object has: finalizers (a set) and owner references (by uid).</summary>
    internal static IReadOnlyList<(string Path, ListMerge Merge)> ObjectMetaLists => ObjectMeta;

    /// <summary>The rules of a built-in kind; false for a kind the table does not list, such as a custom resource.</summary>
    public static bool TryGet(string apiVersion, string kind, [NotNullWhen(true)] out IMergeRules? rules)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        rules = Kinds.GetValueOrDefault((group, kind));
        return rules is not null;
    }

    /// <summary>Whether the kind accepts strategic merge patch.</summary>
    public static bool SupportsStrategicMerge(string apiVersion, string kind) => TryGet(apiVersion, kind, out _);

    private static DeclaredMergeRules Rules((string Path, ListMerge Merge)[] lists, params string[] atomicObjects) =>
        new([.. ObjectMeta, .. lists], atomicObjects);

    private static IEnumerable<(string Path, ListMerge Merge)> Under(string prefix, IEnumerable<(string Path, ListMerge Merge)> lists) =>
        lists.Select(l => ($"{prefix}.{l.Path}", l.Merge));
}
