using System.ComponentModel.DataAnnotations;
using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>How informers list and watch, and what they leave out of the objects they cache.</summary>
public sealed class ReflectorOptions
{
    private readonly Dictionary<Type, Action<object>> _trims = [];
    private readonly Dictionary<Type, Action<object, object>> _shares = [];

    /// <summary>
    /// The shortest watch the server is asked for (timeoutSeconds); each watch lasts a random time between
    /// this and twice this, so that many watches do not end together. client-go uses 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A watch that delivers nothing (not even a bookmark) for this long is presumed dead (a half-open
    /// connection) and started again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "02:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The first delay after a failed list or watch; it doubles on each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The longest delay between failed attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Drops from every cached <typeparamref name="T"/> what no reconciler reads, to keep the caches small (managedFields and
    /// kubectl's last-applied annotation go from every kind: see <see cref="CacheTransform"/>). Nothing dropped is written
    /// back: updates are merge patches of what a reconciler changed.
    /// </summary>
    public ReflectorOptions Trim<T>(Action<T> trim)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(trim);
        _trims[typeof(T)] = o => trim((T)o);
        return this;
    }

    /// <summary>
    /// Gives each new version of a cached <typeparamref name="T"/> the parts of the version it replaces that did not change, beyond
    /// the metadata's (see <see cref="VersionSharing"/>): <paramref name="share"/> gets the new version, which it may change, and the
    /// previous one, which it must not.
    /// </summary>
    public ReflectorOptions ShareUnchanged<T>(Action<T, T> share)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(share);
        _shares[typeof(T)] = (o, previous) => share((T)o, (T)previous);
        return this;
    }

    /// <summary>
    /// The object as the cache keeps it: <paramref name="obj"/> stripped and trimmed in place, holding what it has in common with
    /// <paramref name="previous"/>, the version the cache holds now, if any.
    /// </summary>
    internal T Cached<T>(T obj, T? previous)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        CacheTransform.Strip(obj);
        if (_trims.TryGetValue(typeof(T), out var trim))
        {
            trim(obj);
        }

        if (previous is null || obj.Metadata is null || previous.Metadata is null)
        {
            return obj;
        }

        VersionSharing.ShareMetadata(obj.Metadata, previous.Metadata);
        if (_shares.TryGetValue(typeof(T), out var share))
        {
            share(obj, previous);
        }

        return obj;
    }
}
