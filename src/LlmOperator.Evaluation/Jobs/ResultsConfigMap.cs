using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Reports;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Evaluation.Jobs;

/// <summary>
/// The ConfigMap an evaluation Job reports through (see <see cref="RunResults"/>): its outcome and, when
/// the gate ran, the per-case results cut to fit as <see cref="BoundedResults"/> states.
/// </summary>
internal static class ResultsConfigMap
{
    /// <summary>The ConfigMap of <paramref name="run"/> with <paramref name="outcome"/> and the results of <paramref name="report"/>, if any.</summary>
    public static V1ConfigMap Build(EvaluationRun run, EvaluationOutcome outcome, EvaluationReport? report, int maxBytes = BoundedResults.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(outcome);
        outcome.HasResults = report is not null;
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [RunResults.OutcomeKey] = KubernetesJson.Serialize(outcome) };
        if (report is not null)
        {
            // The outcomes are kept whole when they fit (a release baseline is made of them); the results take what is left.
            var cases = CaseOutcomes.Write(report.Candidate);
            if (cases is not null && cases.Length < maxBytes / 2)
            {
                data[RunResults.CasesKey] = cases;
            }

            data[RunResults.ResultsKey] = BoundedResults.Build(report, maxBytes - (data.GetValueOrDefault(RunResults.CasesKey)?.Length ?? 0));
        }

        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = RunResults.ConfigMapName(run.Metadata.Name),
                NamespaceProperty = run.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>
                {
                    [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator,
                    [WellKnownLabels.EvaluationRun] = run.Metadata.Name,
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
            Data = data,
        };
    }
}
