using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Reconciling;

namespace LlmOperator.Kubernetes.Tests.Fixtures;

/// <summary>
/// Records each reconcile, then writes what it saw into the status (observedGeneration, the size, a
/// note naming this replica) and, when asked, keeps a ConfigMap child that it controls. Objects' labels steer it:
/// test/requeue-after-ms, test/delay-ms, test/fail-times, test/terminal, test/child, and test/own-write (the status
/// goes through WriteStatusAsync, pinned to the version read, as the LlmOperator reconcilers write it).
/// </summary>
public sealed class StatusWritingReconciler(
    ReconcileLog log, IResourceClient<Widget> widgets, IResourceClient<V1ConfigMap> maps, ReplicaName replica) : IReconciler<Widget>
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Failures = new();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Widget> request, CancellationToken cancellationToken)
    {
        using var entered = log.Enter(request.Key, request.Resource?.Metadata.Generation, DateTimeOffset.UtcNow);
        if (request.Resource is not { } widget)
        {
            return ReconcileResult.Done;
        }

        var labels = widget.Metadata.Labels ?? new Dictionary<string, string>();
        if (labels.TryGetValue("test/delay-ms", out var delay))
        {
            await Task.Delay(int.Parse(delay, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        if (labels.ContainsKey("test/terminal"))
        {
            return ReconcileResult.TerminalError(new InvalidOperationException("this widget can never be reconciled"));
        }

        if (labels.TryGetValue("test/fail-times", out var times)
            && Failures.AddOrUpdate(widget.Metadata.Uid, 1, (_, n) => n + 1) <= int.Parse(times, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("failing on purpose");
        }

        if (labels.ContainsKey("test/child")
            && await maps.GetAsync(new ObjectKey(request.Key.Namespace, $"{request.Key.Name}-child"), cancellationToken) is null)
        {
            var child = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"{request.Key.Name}-child", NamespaceProperty = request.Key.Namespace } };
            OwnerReferences.SetController(child, widget);
            await maps.CreateAsync(child, cancellationToken);
        }

        if (labels.ContainsKey("test/own-write"))
        {
            try
            {
                await widgets.WriteStatusAsync(
                    widget,
                    new WidgetStatus { ObservedGeneration = widget.Metadata.Generation, SeenSize = widget.Spec.Size, Note = replica.Name },
                    cancellationToken);
            }
            catch (ConflictException)
            {
                return ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(50));
            }
        }
        else
        {
            await widgets.UpdateStatusAsync(
                widget,
                w => w.Status = new WidgetStatus { ObservedGeneration = w.Metadata.Generation, SeenSize = w.Spec.Size, Note = replica.Name },
                cancellationToken);
        }

        return labels.TryGetValue("test/requeue-after-ms", out var after)
            ? ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(int.Parse(after, System.Globalization.CultureInfo.InvariantCulture)))
            : ReconcileResult.Done;
    }
}

/// <summary>Which test operator a reconciler runs in.</summary>
public sealed record ReplicaName(string Name);
