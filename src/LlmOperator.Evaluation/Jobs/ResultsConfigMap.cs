using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>The ConfigMap that holds a run's per-case results, owned by the run so that it goes when the run goes.</summary>
public static class ResultsConfigMap
{
    /// <summary>The key of the results in the ConfigMap.</summary>
    public const string Key = "results.json";

    /// <summary>The ConfigMap's name for a run.</summary>
    public static string NameFor(string run) => run.Length <= 245 ? run + "-results" : run[..245] + "-results";

    /// <summary>The ConfigMap, with the results cut to <paramref name="maxBytes"/> as <see cref="BoundedResults"/> states.</summary>
    public static V1ConfigMap Build(EvaluationRun run, EvaluationReport report, int maxBytes = BoundedResults.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(run.Metadata.Name),
                NamespaceProperty = run.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/managed-by"] = "llm-operator",
                    ["llmoperator.io/evaluation-run"] = run.Metadata.Name,
                },
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = run.ApiVersion,
                        Kind = run.Kind,
                        Name = run.Metadata.Name,
                        Uid = run.Metadata.Uid,
                        Controller = true,
                        BlockOwnerDeletion = false,
                    },
                ],
            },
            Data = new Dictionary<string, string> { [Key] = BoundedResults.Build(report, maxBytes) },
        };
    }
}
