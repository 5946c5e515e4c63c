namespace LlmOperator.Kubernetes.Informers;

/// <summary>
/// A bounded pool that makes equal short strings of cached objects one instance: namespaces, label keys and
/// values, kinds, condition types and reasons repeat in every object, and each deserialized copy costs its own
/// allocation (at 10,000 ModelDeployments, about a hundred strings per object and a sixth of the heap). Unlike
/// <see cref="string.Intern(string)"/> it never grows: each string hashes to one slot, and a different string
/// that lands there replaces it, so a name seen once is forgotten rather than kept for the life of the process.
/// </summary>
public static class StringPool
{
    // Longer strings (messages with revisions, JSON) rarely repeat and cost more to hash than sharing saves.
    private const int MaxLength = 96;

    // Above this many entries a map's lookups are worth a hash table.
    private const int SmallMapLimit = 16;
    // Room for the names and uids of a 10,000-object fleet to meet their owned objects' copies (512 KB of slots).
    private static readonly string?[] Slots = new string?[1 << 16];

    /// <summary>The pooled instance equal to <paramref name="value"/>, pooling <paramref name="value"/> when there is none.</summary>
    public static string? Share(string? value)
    {
        if (value is null || value.Length == 0 || value.Length > MaxLength)
        {
            return value;
        }

        var slot = (int)((uint)value.GetHashCode() & (Slots.Length - 1));
        var pooled = Volatile.Read(ref Slots[slot]);
        if (pooled is not null && string.Equals(pooled, value, StringComparison.Ordinal))
        {
            return pooled;
        }

        // A race between two writers of the slot only costs a missed share: strings are immutable.
        Volatile.Write(ref Slots[slot], value);
        return value;
    }

    /// <summary>
    /// A copy of <paramref name="map"/> with pooled keys and values, or null for null: a <see cref="SmallStringMap"/> for
    /// the few entries of most labels and selectors.
    /// </summary>
    public static IDictionary<string, string>? Share(IDictionary<string, string>? map)
    {
        if (map is null)
        {
            return null;
        }

        IDictionary<string, string> shared = map.Count <= SmallMapLimit
            ? new SmallStringMap(map.Count)
            : new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            shared[Share(key)!] = Share(value)!;
        }

        return shared;
    }
}
