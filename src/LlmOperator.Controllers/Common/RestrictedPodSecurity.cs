using k8s.Models;

namespace LlmOperator.Controllers.Common;

/// <summary>The restricted Pod Security Standard, for containers of the operator's own image.</summary>
internal static class RestrictedPodSecurity
{
    /// <summary>
    /// A pod security context that runs as a non-root user with the runtime's default seccomp profile. It sets
    /// no UID: the image's numeric user (65532) is non-root, and platforms that assign UIDs (OpenShift) may.
    /// </summary>
    public static V1PodSecurityContext Pod() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>A container security context that cannot escalate and holds no capabilities.</summary>
    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };
}
