using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;

namespace LlmOperator.Controllers.ModelDeployments.Rendering;

/// <summary>
/// The volumes of a server pod and where its container mounts them: the model cache at the engine's cache folder (the
/// spec's PersistentVolumeClaim, or an emptyDir, sized or not) and a memory-backed /dev/shm for engines whose
/// processes share memory (a container's own is 64 MB).
/// </summary>
internal static class ServerVolumes
{
    /// <summary>The volume that holds downloaded weights.</summary>
    public const string Cache = "model-cache";

    /// <summary>The memory-backed volume at /dev/shm.</summary>
    public const string SharedMemory = "shm";

    /// <summary>The pod's volumes.</summary>
    public static List<V1Volume>? Of(ServingProfile profile, ModelCache? cache)
    {
        ArgumentNullException.ThrowIfNull(profile);
        List<V1Volume> volumes = [];
        if (profile.CachePath is not null)
        {
            volumes.Add(cache?.ClaimName is { } claim
                ? new V1Volume { Name = Cache, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }
                : new V1Volume { Name = Cache, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = Quantity(cache?.SizeLimit) } });
        }

        if (profile.SharedMemorySize is { } size)
        {
            volumes.Add(new V1Volume { Name = SharedMemory, EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity(size) } });
        }

        return volumes.Count > 0 ? volumes : null;
    }

    /// <summary>Where the server's container mounts them.</summary>
    public static List<V1VolumeMount>? Mounts(ServingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        List<V1VolumeMount> mounts =
        [
            .. profile.CachePath is { } path ? new[] { new V1VolumeMount { Name = Cache, MountPath = path } } : [],
            .. profile.SharedMemorySize is null ? [] : new[] { new V1VolumeMount { Name = SharedMemory, MountPath = "/dev/shm" } },
        ];
        return mounts.Count > 0 ? mounts : null;
    }

    private static ResourceQuantity? Quantity(string? size) => size is null ? null : new ResourceQuantity(size);
}
