namespace LlmOperator.Sandbox.Resources;

/// <summary>The built-in kinds the sandbox serves: the ones the operator, its users and kubectl touch.</summary>
internal static class BuiltInResources
{
    /// <summary>Every built-in resource type.</summary>
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        new() { Group = "", Version = "v1", Plural = "namespaces", Kind = "Namespace", Namespaced = false, ShortNames = ["ns"], HasStatus = true },
        new() { Group = "", Version = "v1", Plural = "configmaps", Kind = "ConfigMap", Namespaced = true, ShortNames = ["cm"] },
        new() { Group = "", Version = "v1", Plural = "secrets", Kind = "Secret", Namespaced = true },
        new()
        {
            Group = "",
            Version = "v1",
            Plural = "services",
            Kind = "Service",
            Namespaced = true,
            ShortNames = ["svc"],
            Categories = ["all"],
            HasStatus = true,
        },
        new() { Group = "", Version = "v1", Plural = "pods", Kind = "Pod", Namespaced = true, ShortNames = ["po"], Categories = ["all"], HasStatus = true },
        new() { Group = "", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true, ShortNames = ["ev"] },
        new() { Group = "", Version = "v1", Plural = "serviceaccounts", Kind = "ServiceAccount", Namespaced = true, ShortNames = ["sa"] },
        new()
        {
            Group = "apps",
            Version = "v1",
            Plural = "deployments",
            Kind = "Deployment",
            Namespaced = true,
            ShortNames = ["deploy"],
            Categories = ["all"],
            HasStatus = true,
            HasScale = true,
            TracksGeneration = true,
        },
        new()
        {
            Group = "apps",
            Version = "v1",
            Plural = "replicasets",
            Kind = "ReplicaSet",
            Namespaced = true,
            ShortNames = ["rs"],
            Categories = ["all"],
            HasStatus = true,
            HasScale = true,
            TracksGeneration = true,
        },
        new()
        {
            Group = "batch",
            Version = "v1",
            Plural = "jobs",
            Kind = "Job",
            Namespaced = true,
            Categories = ["all"],
            HasStatus = true,
            TracksGeneration = true,
        },
        new()
        {
            Group = "policy",
            Version = "v1",
            Plural = "poddisruptionbudgets",
            Kind = "PodDisruptionBudget",
            Namespaced = true,
            ShortNames = ["pdb"],
            HasStatus = true,
            TracksGeneration = true,
        },
        new() { Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Kind = "Lease", Namespaced = true },
        new() { Group = "events.k8s.io", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true, ShortNames = ["ev"] },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "roles", Kind = "Role", Namespaced = true },
        Review("selfsubjectaccessreviews", "SelfSubjectAccessReview"),
        Review("selfsubjectrulesreviews", "SelfSubjectRulesReview"),
        Review("subjectaccessreviews", "SubjectAccessReview"),
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "rolebindings", Kind = "RoleBinding", Namespaced = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "clusterroles", Kind = "ClusterRole", Namespaced = false },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Plural = "clusterrolebindings", Kind = "ClusterRoleBinding", Namespaced = false },
        new()
        {
            Group = "apiextensions.k8s.io",
            Version = "v1",
            Plural = "customresourcedefinitions",
            Kind = "CustomResourceDefinition",
            Namespaced = false,
            ShortNames = ["crd", "crds"],
            HasStatus = true,
            TracksGeneration = true,
        },
        new()
        {
            Group = "gateway.networking.k8s.io",
            Version = "v1",
            Plural = "httproutes",
            Kind = "HTTPRoute",
            Namespaced = true,
            Categories = ["gateway-api"],
            HasStatus = true,
            TracksGeneration = true,
        },
        new()
        {
            Group = "gateway.networking.k8s.io",
            Version = "v1",
            Plural = "gateways",
            Kind = "Gateway",
            Namespaced = true,
            ShortNames = ["gtw"],
            Categories = ["gateway-api"],
            HasStatus = true,
            TracksGeneration = true,
        },
    ];

    /// <summary>Namespaces.</summary>
    public static ResourceKey Namespaces { get; } = new("", "namespaces");

    /// <summary>An authorization.k8s.io review: cluster-scoped, create only.</summary>
    private static ResourceType Review(string plural, string kind) =>
        new() { Group = "authorization.k8s.io", Version = "v1", Plural = plural, Kind = kind, Namespaced = false, CreateOnly = true };

    /// <summary>Custom resource definitions.</summary>
    public static ResourceKey CustomResourceDefinitions { get; } = new("apiextensions.k8s.io", "customresourcedefinitions");
}
