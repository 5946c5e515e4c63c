using k8s.Models;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// How a pod is confined. Every pod the operator renders drops all capabilities, cannot escalate and runs under the
/// runtime's default seccomp profile; it runs as a non-root user when its image is prepared for one (the restricted
/// Pod Security Standard), and as root only when its image needs root.
/// </summary>
internal sealed record PodSecurity
{
    /// <summary>
    /// The operator's own image (evaluation Jobs, mock and pipeline servers): non-root with a read-only root file
    /// system. It sets no UID: the image's numeric user (65532) is non-root, and platforms that assign UIDs (OpenShift) may.
    /// </summary>
    public static PodSecurity OperatorImage { get; } = new() { RunAsNonRoot = true, ReadOnlyRootFilesystem = true };

    /// <summary>
    /// An image that needs root: everything else is still taken away. Its volumes belong to group 0, so that root
    /// writes them without the capability to override file permissions (a claim may belong to another user).
    /// </summary>
    public static PodSecurity Root { get; } = new() { Group = 0 };

    /// <summary>Whether the pod must not run as root.</summary>
    public bool RunAsNonRoot { get; init; }

    /// <summary>The user the containers run as; the image's when null.</summary>
    public long? User { get; init; }

    /// <summary>The group the containers run as and that owns the pod's volumes (fsGroup), so the user can write them.</summary>
    public long? Group { get; init; }

    /// <summary>Whether the root file system is read-only (the server writes only to its volumes).</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>An image prepared to run as <paramref name="user"/> in <paramref name="group"/>: the restricted standard.</summary>
    public static PodSecurity NonRoot(long user, long group) => new() { RunAsNonRoot = true, User = user, Group = group };

    /// <summary>The pod's security context.</summary>
    public V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = RunAsNonRoot ? true : null,
        RunAsUser = User,
        RunAsGroup = Group,
        FsGroup = Group,
        // Only a volume whose root has another group is walked: a cache of many files would be slow to chown at every start.
        FsGroupChangePolicy = Group is null ? null : "OnRootMismatch",
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>A container's security context.</summary>
    public V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = ReadOnlyRootFilesystem ? true : null,
        RunAsNonRoot = RunAsNonRoot ? true : null,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };
}
