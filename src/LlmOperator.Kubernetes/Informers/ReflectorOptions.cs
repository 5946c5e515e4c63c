using System.ComponentModel.DataAnnotations;

namespace LlmOperator.Kubernetes.Informers;

/// <summary>How informers list and watch.</summary>
public sealed class ReflectorOptions
{
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
}
