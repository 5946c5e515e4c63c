using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>The names of what the operator creates for a ModelDeployment, and the labels it puts on them.</summary>
public static class ModelDeploymentNames
{
    /// <summary>The annotation holding the model name a revision serves.</summary>
    public const string ServedModelAnnotation = "llmoperator.io/served-model";

    /// <summary>
    /// The longest ModelDeployment name the operator accepts: its Deployments (name, a dash and a
    /// 10-character revision) and Services must fit in a 63-character DNS label, and labels carry it.
    /// </summary>
    public const int MaxModelNameLength = 52;

    /// <summary>The longest EvaluationRun name: its Jobs add "-N" and must fit in 63 characters.</summary>
    public const int MaxRunNameLength = RunNames.MaxLength;

    /// <summary>The Deployment of a revision.</summary>
    public static string Deployment(string model, string revision) => $"{model}-{revision}";

    /// <summary>The Service that carries all traffic.</summary>
    public static string MainService(string model) => model;

    /// <summary>The ConfigMap holding what llmop router serves for one revision of a pipeline.</summary>
    public static string RouterConfig(string model, string revision) => $"{model}-{revision}-router";

    /// <summary>The ConfigMap that keeps the per-case results that released the stable revision, one key per gate.</summary>
    public static string ReleaseConfigMap(string model) => $"{model}-release";

    /// <summary>The key of a gate's results in the release ConfigMap.</summary>
    public static string ReleaseKey(string gate) => $"{gate}.json";

    /// <summary>The release ConfigMaps the operator keeps, as a label selector.</summary>
    public const string ReleaseSelector = WellKnownLabels.ManagedBy + "=" + WellKnownLabels.ManagedByOperator + "," + WellKnownLabels.ReleaseOf;

    /// <summary>The Service of the stable revision.</summary>
    public static string StableService(string model) => $"{model}-stable";

    /// <summary>The Service of the canary revision.</summary>
    public static string CanaryService(string model) => $"{model}-canary";

    /// <summary>The EvaluationRun of a gate at an evaluate step of one attempt at a rollout.</summary>
    public static string StepRun(string model, string revision, int attempt, int step, string gate) =>
        RunNames.Fit($"{model}-{revision}-{attempt}-s{step}-{gate}");

    /// <summary>The EvaluationRun of a gate judging a first revision on its own.</summary>
    public static string InitialRun(string model, string revision, string gate) => RunNames.Fit($"{model}-{revision}-initial-{gate}");

    /// <summary>The EvaluationRun of a scheduled re-evaluation of the stable revision.</summary>
    public static string DriftRun(string model, DateTimeOffset due, string gate) =>
        RunNames.Fit($"{model}-drift-{due.UtcDateTime:yyyyMMddHHmm}-{gate}");

    /// <summary>
    /// The EvaluationRun of a gate judging a fallback (at its revision) after the drift found by the scheduled run
    /// created at <paramref name="drift"/>.
    /// </summary>
    public static string FallbackRun(string model, DateTimeOffset drift, string fallbackRevision, string gate) =>
        RunNames.Fit($"{model}-fallback-{drift.UtcDateTime:yyyyMMddHHmm}-{fallbackRevision}-{gate}");

    /// <summary>A label of an object, or null.</summary>
    public static string? Label(IKubernetesObject<V1ObjectMeta> obj, string key)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>The labels of everything owned by a ModelDeployment, for one revision when given.</summary>
    public static Dictionary<string, string> Labels(ModelDeployment owner, string? revision = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator,
            [WellKnownLabels.Model] = owner.Metadata.Name,
        };
        if (revision is not null)
        {
            labels[WellKnownLabels.Revision] = revision;
        }

        return labels;
    }
}
