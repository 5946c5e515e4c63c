using System.Text.Json.Nodes;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// The emptyDir volumes of a pod whose containers run as local processes, which have no mount namespace: each volume is
/// a directory of the pod's own (removed with the pod), and in each process container's arguments and environment
/// values, a path under one of its emptyDir mounts (the mount path itself, or below it) is rewritten to that directory.
/// Containers that mount the same volume so share its files, as in a cluster.
/// </summary>
internal static class EmptyDirVolumes
{
    /// <summary>The directory of each emptyDir volume of <paramref name="pod"/> under <paramref name="root"/>, created.</summary>
    public static IReadOnlyDictionary<string, string> Create(JsonObject pod, string root)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var volumes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in (pod["spec"]?["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (volume["emptyDir"] is JsonObject && volume["name"]?.ToString() is { Length: > 0 } name)
            {
                volumes[name] = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
            }
        }

        return volumes;
    }

    /// <summary>Where <paramref name="container"/> mounts which of <paramref name="volumes"/>: mount path and directory, longest path first.</summary>
    public static IReadOnlyList<(string MountPath, string Directory)> Mounts(JsonObject container, IReadOnlyDictionary<string, string> volumes)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(volumes);
        return [.. (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => (MountPath: m["mountPath"]?.ToString().TrimEnd('/') ?? "", Volume: m["name"]?.ToString() ?? ""))
            .Where(m => m.MountPath.Length > 0 && volumes.ContainsKey(m.Volume))
            .Select(m => (m.MountPath, volumes[m.Volume]))
            .OrderByDescending(m => m.MountPath.Length)];
    }

    /// <summary><paramref name="value"/> with a path under one of <paramref name="mounts"/> rewritten to the volume's directory.</summary>
    public static string Rewrite(string value, IReadOnlyList<(string MountPath, string Directory)> mounts)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(mounts);
        foreach (var (mountPath, directory) in mounts)
        {
            if (value == mountPath || value.StartsWith(mountPath + "/", StringComparison.Ordinal))
            {
                return directory + value[mountPath.Length..];
            }
        }

        return value;
    }
}
