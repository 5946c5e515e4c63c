using System.Globalization;
using k8s.Models;
using LlmOperator.Api.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// The Job that executes one attempt of an EvaluationRun: the operator's image running
/// <c>llmop eval --run namespace/name --attempt N</c> under the restricted Pod Security Standard, with a
/// service account that may only read the run and its gate inputs (its API keys come as environment
/// variables the kubelet fills from Secrets) and write the run's results ConfigMap, where it reports its
/// outcome; no retries inside the Job (the run controller decides), and a deadline past the gate's own timeout.
/// </summary>
internal static class EvaluationJobs
{
    /// <summary>The service account evaluation Jobs run as, in every namespace with runs.</summary>
    public const string ServiceAccount = NamespaceAccounts.Evaluation;

    /// <summary>The Job name of an attempt.</summary>
    public static string Name(EvaluationRun run, int attempt)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{run.Metadata.Name}-{attempt}";
    }

    /// <summary>
    /// The Job of an attempt (the reconciler makes the run its owner), with each of <paramref name="secrets"/> in
    /// its environment (see <see cref="SecretKeyVariable"/>); optional, so that a missing one is the Job's clear
    /// error rather than a pod that cannot start.
    /// </summary>
    public static V1Job Job(EvaluationRun run, int attempt, EvaluationJobSettings settings, IReadOnlyList<SecretKeyReference>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        var timeout = run.Spec.Gate.Spec.Execution?.Timeout is { } text ? GoDuration.Parse(text) : TimeSpan.FromMinutes(30);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator,
            [WellKnownLabels.EvaluationRun] = run.Metadata.Name,
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = Name(run, attempt), NamespaceProperty = run.Metadata.NamespaceProperty, Labels = labels },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                ActiveDeadlineSeconds = (long)(timeout + settings.DeadlineMargin).TotalSeconds,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = ServiceAccount,
                        ImagePullSecrets = PullSecrets.Of(settings.ImagePullSecrets),
                        SecurityContext = PodSecurity.OperatorImage.Pod(),
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "eval",
                                Image = settings.Image,
                                Args =
                                [
                                    "eval",
                                    "--run", $"{run.Metadata.NamespaceProperty}/{run.Metadata.Name}",
                                    "--attempt", attempt.ToString(CultureInfo.InvariantCulture),
                                ],
                                Env = Environment(settings, secrets ?? []),
                                SecurityContext = PodSecurity.OperatorImage.Container(),
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") },
                                },
                            },
                        ],
                    },
                },
            },
        };
    }

    private static List<V1EnvVar>? Environment(EvaluationJobSettings settings, IReadOnlyList<SecretKeyReference> secrets)
    {
        List<V1EnvVar> env =
        [
            .. settings.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new V1EnvVar { Name = e.Key, Value = e.Value }),
            .. secrets.Select(s => new V1EnvVar
            {
                Name = SecretKeyVariable.Of(s.Name, s.Key),
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = s.Name, Key = s.Key, Optional = true } },
            }),
        ];
        return env.Count == 0 ? null : env;
    }

    /// <summary>
    /// The ClusterRole evaluation Jobs need, and no more. It is installed with the operator (the Helm
    /// chart and kustomize carry the same rules); the operator binds it per namespace, so it needs only
    /// the right to bind this role, not the permissions themselves.
    /// </summary>
    public static V1ClusterRole ClusterRole(string name) => NamespaceAccounts.ClusterRole(
        name,
        NamespaceAccounts.Rule("llmoperator.io", "evaluationruns", "get"),
        NamespaceAccounts.Rule("llmoperator.io", "modeldeployments", "get"),
        NamespaceAccounts.Rule("llmoperator.io", "promptversions", "get", "list"),
        NamespaceAccounts.Rule("", "configmaps", "get", "create", "patch"));

    /// <summary>The service account evaluation Jobs run as.</summary>
    public static V1ServiceAccount Account(string ns) => NamespaceAccounts.Account(ServiceAccount, ns);

    /// <summary>The binding of the evaluation ClusterRole to the service account in one namespace.</summary>
    public static V1RoleBinding Binding(string ns, string clusterRole) => NamespaceAccounts.Binding(ServiceAccount, ns, clusterRole);
}
