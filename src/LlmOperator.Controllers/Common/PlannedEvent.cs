using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Events;

namespace LlmOperator.Controllers.Common;

/// <summary>An event a plan asks the reconciler to record about the object it plans.</summary>
/// <param name="Type">Normal or Warning (see <see cref="EventTypes"/>).</param>
/// <param name="Reason">The reason, one CamelCase word.</param>
/// <param name="Message">What happened, in a sentence.</param>
internal sealed record PlannedEvent(string Type, string Reason, string Message)
{
    /// <summary>Whether someone may need to act on it.</summary>
    public bool IsWarning => Type == EventTypes.Warning;

    /// <summary>An event of what the operator did, as planned.</summary>
    public static PlannedEvent Normal(string reason, string message) => new(EventTypes.Normal, reason, message);

    /// <summary>An event of something someone may need to act on.</summary>
    public static PlannedEvent Warning(string reason, string message) => new(EventTypes.Warning, reason, message);

    /// <summary>Records the event about <paramref name="regarding"/>.</summary>
    public Task RecordAsync(IEventRecorder recorder, IKubernetesObject<V1ObjectMeta> regarding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        return recorder.RecordAsync(regarding, Type, Reason, Message, cancellationToken);
    }
}
