using k8s;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// A bounded pool that makes equal parts of different cached objects one instance: in a fleet, every ready Deployment has the
/// same status and what the trim leaves of its spec, and every model's Service the same ports. Parts are compared by their JSON,
/// so that every field counts, one KubernetesClient adds later too. Like <see cref="StringPool"/> it never grows: each part hashes
/// to one slot, and a different part that lands there replaces it. Sharing a part among objects is safe because cached objects are
/// read-only: edits go through a JSON copy.
/// </summary>
public static class PartPool
{
    // A fleet has a few shapes of each part; room for many more, so that a part seen once rarely evicts a common one.
    private static readonly Entry?[] Slots = new Entry?[1 << 10];

    /// <summary>The pooled part equal to <paramref name="part"/>, pooling <paramref name="part"/> when there is none.</summary>
    public static T? Share<T>(T? part)
        where T : class
    {
        if (part is null)
        {
            return null;
        }

        var json = KubernetesJson.Serialize(part);
        var slot = (int)((uint)HashCode.Combine(typeof(T), json) & (Slots.Length - 1));
        if (Volatile.Read(ref Slots[slot]) is { } pooled && pooled.Type == typeof(T) && string.Equals(pooled.Json, json, StringComparison.Ordinal))
        {
            return (T)pooled.Part;
        }

        // A race between two writers of the slot only costs a missed share.
        Volatile.Write(ref Slots[slot], new Entry(typeof(T), json, part));
        return part;
    }

    private sealed record Entry(Type Type, string Json, object Part);
}
