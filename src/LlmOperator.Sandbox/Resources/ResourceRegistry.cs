namespace LlmOperator.Sandbox.Resources;

/// <summary>
/// The kinds the sandbox serves now: the built-ins, plus those of every established CRD. Readers get an
/// immutable snapshot; a CRD change swaps it.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<ResourceType> _builtIns;
    private readonly Dictionary<string, IReadOnlyList<ResourceType>> _custom = new(StringComparer.Ordinal);
    private Snapshot _snapshot;

    /// <summary>Creates a registry that serves the given built-in kinds.</summary>
    public ResourceRegistry(IReadOnlyList<ResourceType> builtIns)
    {
        _builtIns = builtIns;
        _snapshot = new Snapshot(builtIns);
    }

    /// <summary>Every kind served, built-in first, in a stable order.</summary>
    public IReadOnlyList<ResourceType> All => _snapshot.All;

    /// <summary>Increases whenever the set of kinds changes, so discovery caches know to refresh.</summary>
    public int Generation => _snapshot.Generation;

    /// <summary>The type served at group/version/plural, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) => _snapshot.ByPath.GetValueOrDefault((group, version, plural));

    /// <summary>The type of a kind at an apiVersion, or null.</summary>
    public ResourceType? FindKind(string apiVersion, string kind) => _snapshot.ByKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>Any served version of a resource, preferring the storage version; null when none is served.</summary>
    public ResourceType? FindAnyVersion(ResourceKey key) => _snapshot.All.FirstOrDefault(t => t.Key == key);

    /// <summary>Serves (or stops serving, with an empty list) the kinds a CRD defines.</summary>
    public void SetCustom(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            if (types.Count == 0)
            {
                _custom.Remove(crdName);
            }
            else
            {
                _custom[crdName] = types;
            }

            _snapshot = new Snapshot([.. _builtIns, .. _custom.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value)], _snapshot.Generation + 1);
        }
    }

    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyList<ResourceType> all, int generation = 0)
        {
            All = all;
            Generation = generation;
            ByPath = all.GroupBy(t => (t.Group, t.Version, t.Plural)).ToDictionary(g => g.Key, g => g.First());
            ByKind = all.GroupBy(t => (t.ApiVersion, t.Kind)).ToDictionary(g => g.Key, g => g.First());
        }

        public IReadOnlyList<ResourceType> All { get; }

        public int Generation { get; }

        public Dictionary<(string, string, string), ResourceType> ByPath { get; }

        public Dictionary<(string, string), ResourceType> ByKind { get; }
    }
}
