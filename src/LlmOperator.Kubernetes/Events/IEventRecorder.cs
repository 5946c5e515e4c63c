using k8s;
using k8s.Models;

namespace LlmOperator.Kubernetes.Events;

/// <summary>Records Kubernetes Events about objects, as <c>kubectl describe</c> and <c>kubectl get events</c> show them.</summary>
public interface IEventRecorder
{
    /// <summary>
    /// Records an event about <paramref name="regarding"/>. A repeat of the same type, reason and message
    /// about the same object increases the count of the existing Event instead of adding one. Failing to
    /// record never fails the caller: it is logged.
    /// </summary>
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message, CancellationToken cancellationToken);
}
