namespace LlmOperator.Sandbox.Workloads.Rollouts;

/// <summary>The annotations the Deployment controller keeps on Deployments and their ReplicaSets.</summary>
internal static class DeploymentAnnotations
{
    /// <summary>The revision of a ReplicaSet, and of the Deployment (its new ReplicaSet's).</summary>
    public const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>The revisions a ReplicaSet had before a rollback gave it a new one, comma-separated.</summary>
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";

    /// <summary>The Deployment's replicas when the ReplicaSet was last scaled.</summary>
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";

    /// <summary>The replicas plus maxSurge when the ReplicaSet was last scaled.</summary>
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    /// <summary>The longest revision history kept (kube-controller-manager's default, in characters).</summary>
    public const int RevisionHistoryLimitInChars = 2000;

    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration", Revision, RevisionHistory, DesiredReplicas, MaxReplicas,
        "deprecated.deployment.rollback.to",
    };

    /// <summary>Whether a Deployment annotation is copied to its new ReplicaSet (change-cause and users' own are).</summary>
    public static bool IsCopied(string key) => !NotCopied.Contains(key);
}
