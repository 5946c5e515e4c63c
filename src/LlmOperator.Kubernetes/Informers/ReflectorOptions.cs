using System.ComponentModel.DataAnnotations;
using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>How informers list and watch, and what they leave out of the objects they cache.</summary>
public sealed class ReflectorOptions
{
    private readonly Dictionary<Type, Action<object>> _trims = [];

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

    /// <summary>The object as the cache keeps it: <paramref name="obj"/> stripped and trimmed in place.</summary>
    internal T Cached<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        CacheTransform.Strip(obj);
        if (_trims.TryGetValue(typeof(T), out var trim))
        {
            trim(obj);
        }

        return obj;
    }
}
