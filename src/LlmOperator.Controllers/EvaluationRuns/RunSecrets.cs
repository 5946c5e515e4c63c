using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.EvaluationRuns;

/// <summary>
/// The Secret keys an evaluation Job may need: those its run names (candidate, baseline, pipeline overrides,
/// providers of the gate's assertions) and the API key of every ModelDeployment of its namespace, hosted or not (a
/// pipeline's components and llm-rubric judges are found by name while it runs). The Job gets them as
/// environment variables, so it reads no Secret itself.
/// </summary>
internal static class RunSecrets
{
    public static IReadOnlyList<SecretKeyReference> Of(EvaluationRun run, IEnumerable<ModelDeployment> models)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(models);
        var spec = run.Spec;
        IEnumerable<SecretKeyReference?> named =
        [
            spec.Candidate.ApiKeySecretRef,
            spec.Baseline?.ApiKeySecretRef,
            .. new[] { spec.Candidate, spec.Baseline }.SelectMany(e => e?.Pipeline?.Overrides?.Values.AsEnumerable() ?? []).Select(o => o.ApiKeySecretRef),
            .. GateAssertions.Of(spec.Gate.Spec).Select(a => a.Provider?.ApiKeySecretRef),
            .. models.Select(m => ModelApiKey.Of(m.Spec)),
        ];
        return [.. named.OfType<SecretKeyReference>()
            .DistinctBy(s => (s.Name, s.Key))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Key, StringComparer.Ordinal)];
    }
}
