using System.Collections.Concurrent;
using System.Text;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>What each container wrote to stdout and stderr, bounded per container, for kubectl logs.</summary>
internal sealed class PodLogs
{
    private const int MaxChars = 1024 * 1024;
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container), StringBuilder> _logs = new();

    /// <summary>Appends a line a container wrote.</summary>
    public void Append(string ns, string pod, string container, string line)
    {
        var log = _logs.GetOrAdd((ns, pod, container), _ => new StringBuilder());
        lock (log)
        {
            log.Append(line).Append('\n');
            if (log.Length > MaxChars)
            {
                log.Remove(0, log.Length - MaxChars);
            }
        }
    }

    /// <summary>The log of a container (the first container's when none is named), or null when it wrote nothing.</summary>
    public string? Read(string ns, string pod, string? container)
    {
        var entry = _logs.FirstOrDefault(l => l.Key.Namespace == ns && l.Key.Pod == pod && (container is null || l.Key.Container == container));
        if (entry.Value is null)
        {
            return null;
        }

        lock (entry.Value)
        {
            return entry.Value.ToString();
        }
    }

    /// <summary>Forgets a deleted pod's logs.</summary>
    public void Forget(string ns, string pod)
    {
        foreach (var key in _logs.Keys.Where(k => k.Namespace == ns && k.Pod == pod))
        {
            _logs.TryRemove(key, out _);
        }
    }
}
