using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Kubernetes.Access;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// Writes what a plan decided of pods' adapters readiness gates: the condition alone, as a strategic merge patch
/// of the pod's status (its conditions merge by type, so the kubelet's stay as they are; the kubelet keeps a
/// condition it does not own through its own status writes), pinned to the resourceVersion the decision was
/// made from. A pod gone meanwhile is skipped; a pod changed meanwhile (a conflict) is decided again by the
/// reconcile its change brings.
/// </summary>
internal sealed partial class PodReadinessGates(IResourceClient<V1Pod> pods, TimeProvider time, ILogger<PodReadinessGates> logger)
{
    /// <summary>Sets the conditions <paramref name="gates"/> ask for on the pods of <paramref name="model"/>.</summary>
    public Task ApplyAsync(ModelDeployment model, IReadOnlyList<AdapterGate> gates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gates);
        return Task.WhenAll(gates.Select(gate => SetAsync(model.Metadata.NamespaceProperty, gate, cancellationToken)));
    }

    private async Task SetAsync(string? ns, AdapterGate gate, CancellationToken cancellationToken)
    {
        // Only changes of its status are planned, so each write is a transition.
        var condition = JsonNode.Parse(KubernetesJson.Serialize(new V1PodCondition
        {
            Type = LoraServing.ReadinessGate,
            Status = gate.Open ? "True" : "False",
            Reason = gate.Reason,
            Message = gate.Message,
            LastTransitionTime = time.GetUtcNow().UtcDateTime,
        }));
        try
        {
            await pods.StrategicPatchStatusAsync(
                new ObjectKey(ns, gate.Pod),
                new JsonObject
                {
                    ["metadata"] = new JsonObject { ["resourceVersion"] = gate.ResourceVersion },
                    ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) },
                },
                cancellationToken).ConfigureAwait(false);
            LogGate(logger, ns, gate.Pod, gate.Open, gate.Message);
        }
        catch (NotFoundException)
        {
            LogPodGone(logger, ns, gate.Pod);
        }
        catch (ConflictException)
        {
            LogPodChanged(logger, ns, gate.Pod);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod}: adapters readiness gate {Open}: {Message}")]
    private static partial void LogGate(ILogger logger, string? @namespace, string pod, bool open, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} changed since it was read: its readiness gate is decided again")]
    private static partial void LogPodChanged(ILogger logger, string? @namespace, string pod);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} is gone: its readiness gate goes with it")]
    private static partial void LogPodGone(ILogger logger, string? @namespace, string pod);
}
