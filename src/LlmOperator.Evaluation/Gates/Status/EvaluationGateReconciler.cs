using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Live;
using LlmOperator.Evaluation.Running;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;
using LlmOperator.Kubernetes.Reconciling;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Evaluation.Gates.Status;

/// <summary>
/// Writes an EvaluationGate's status: the dataset read and checked (its cases parse, its sha256 holds) and
/// its assertions, prompt and judges resolved the way an evaluation Job plans a run, with the evaluator's own
/// code, so that <c>kubectl get egate</c> shows its cases and whether it is Ready before any rollout uses it.
/// A dataset in a ConfigMap is read again every few minutes, since ConfigMaps are not watched.
/// </summary>
internal sealed partial class EvaluationGateReconciler(
    InformerCaches caches,
    IResourceClient<EvaluationGate> gates,
    IResourceClient<V1ConfigMap> configMaps,
    EvaluationPlanBuilder plans,
    TimeProvider time,
    ILogger<EvaluationGateReconciler> logger) : IReconciler<EvaluationGate>
{
    private const string CheckUrl = "http://gate-check.invalid/v1";
    private static readonly TimeSpan ConfigMapRecheck = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<EvaluationGate> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Resource is not { } gate || gate.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var ns = gate.Metadata.NamespaceProperty;
        // A copy: the status read is what the merge patch is computed against.
        var conditions = gate.Status?.Conditions is { } read ? KubernetesJson.Deserialize<List<Condition>>(KubernetesJson.Serialize(read)) : [];
        var status = new EvaluationGateStatus { ObservedGeneration = gate.Metadata.Generation, Conditions = conditions };
        try
        {
            var sources = new CachedGateSources(caches, configMaps, ns);
            var plan = await plans.BuildAsync(Check(gate, sources), cancellationToken).ConfigureAwait(false);
            foreach (var judge in Judges(gate.Spec))
            {
                await sources.ResolveAsync(judge, cancellationToken).ConfigureAwait(false);
            }

            status.CaseCount = plan.Dataset.Cases.Count;
            status.DatasetHash = plan.HasDataset ? plan.Dataset.Sha256 : null;
            Conditions.Set(status.Conditions, ConditionTypes.Ready, ConditionStatus.True, "Valid", Valid(plan), gate.Metadata.Generation, time.GetUtcNow());
        }
        catch (Exception e) when (e is EvaluationConfigurationException or AssertionConfigurationException)
        {
            Conditions.Set(status.Conditions, ConditionTypes.Ready, ConditionStatus.False, "Invalid", e.Message, gate.Metadata.Generation, time.GetUtcNow());
        }

        if (await gates.WriteStatusOrEndAsync(gate, status, cancellationToken).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        var ready = Conditions.Find(status.Conditions, ConditionTypes.Ready)!.Message;
        if (Conditions.Find(gate.Status?.Conditions, ConditionTypes.Ready)?.Message != ready)
        {
            LogReady(logger, request.Key, ready);
        }

        return gate.Spec.Dataset?.ConfigMapRef is null ? ReconcileResult.Done : ReconcileResult.RequeueAfter(ConfigMapRecheck);
    }

    // A plan of the gate against an endpoint that is never called: it reads and checks what a run would, its metrics'
    // queries rendered with every variable a run may have, and a load target that is never sent to.
    private static PlanRequest Check(EvaluationGate gate, IPlanSources sources) => new(
        $"{gate.Metadata.Name}-check",
        gate.Metadata.Name,
        gate.Spec,
        sources,
        new EndpointRequest("candidate", CheckUrl, "gate-check"),
        null,
        null,
        Seed: 0,
        Context: MetricContext.Check(gate.Metadata.NamespaceProperty ?? "default", gate.Metadata.Name) with
        {
            MainEndpoint = CheckUrl,
            ServedModel = "gate-check",
        });

    private static string Valid(EvaluationPlan plan)
    {
        var metrics = plan.Live?.Metrics.Count ?? 0;
        var measured = metrics == 0 ? "" : $"{(plan.HasDataset ? "; " : "")}{Verdicts.Figures.Count(metrics, "Prometheus metric")}";
        var cases = plan.HasDataset ? $"{plan.Dataset.Cases.Count} cases" : "";
        return $"{cases}{measured}; its {(plan.HasDataset ? "assertions and " : "")}references resolve.";
    }

    /// <summary>The ModelDeployments the gate's assertions name as their judges.</summary>
    public static IEnumerable<string> Judges(EvaluationGateSpec spec) =>
        GateAssertions.Of(spec)
            .Select(a => a.Provider?.ModelRef?.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "EvaluationGate {Key}: {Message}")]
    private static partial void LogReady(ILogger logger, ObjectKey key, string? message);
}
