using System.Collections.Concurrent;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>The logs of every container of every pod, for kubectl logs.</summary>
internal sealed class PodLogs
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container), ContainerLog> _logs = new();

    /// <summary>A container starts a run.</summary>
    public void Start(string ns, string pod, string container) => _logs.GetOrAdd((ns, pod, container), _ => new ContainerLog()).Start();

    /// <summary>Appends a line a container wrote.</summary>
    public void Append(string ns, string pod, string container, string line, DateTimeOffset time) =>
        _logs.GetOrAdd((ns, pod, container), _ => new ContainerLog()).Append(line, time);

    /// <summary>A container's run ended.</summary>
    public void End(string ns, string pod, string container)
    {
        if (_logs.TryGetValue((ns, pod, container), out var log))
        {
            log.End();
        }
    }

    /// <summary>The log of a container, or null when it has not started.</summary>
    public ContainerLog? Find(string ns, string pod, string container) => _logs.GetValueOrDefault((ns, pod, container));

    /// <summary>Forgets a deleted pod's logs, ending any that are followed.</summary>
    public void Forget(string ns, string pod)
    {
        foreach (var key in _logs.Keys.Where(k => k.Namespace == ns && k.Pod == pod))
        {
            if (_logs.TryRemove(key, out var log))
            {
                log.End();
            }
        }
    }
}
