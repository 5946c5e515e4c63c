namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// The labels the operator puts on what it creates (Deployments, Services, EvaluationRuns, Jobs,
/// ConfigMaps), so that <c>kubectl get -l</c>, dashboards and the operator's own selectors find them.
/// </summary>
public static class WellKnownLabels
{
    /// <summary>app.kubernetes.io/managed-by, on everything the operator creates.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByOperator = "llm-operator";

    /// <summary>The ModelDeployment an object belongs to.</summary>
    public const string Model = "llmoperator.io/model";

    /// <summary>The revision of a ModelDeployment an object serves or judges.</summary>
    public const string Revision = "llmoperator.io/revision";

    /// <summary>Why an EvaluationRun exists: rollout, initial, drift, adapter or prompt.</summary>
    public const string Purpose = "llmoperator.io/purpose";

    /// <summary>The prompt (its promptName) a run judges or a ConfigMap publishes.</summary>
    public const string Prompt = "llmoperator.io/prompt";

    /// <summary>The version of the prompt a run judges (also an annotation of the published ConfigMap).</summary>
    public const string PromptVersion = "llmoperator.io/prompt-version";

    /// <summary>The EvaluationRun a Job executes, or a results ConfigMap reports on.</summary>
    public const string EvaluationRun = "llmoperator.io/evaluation-run";

    /// <summary>On a run that judges a component's candidate inside a pipeline: the pipeline.</summary>
    public const string Pipeline = "llmoperator.io/pipeline";

    /// <summary>On a run that judges a new version of a LoRA adapter: the adapter (spec.adapters[].name).</summary>
    public const string Adapter = "llmoperator.io/adapter";

    /// <summary>On a ModelDeployment's release ConfigMap: the ModelDeployment whose release it keeps.</summary>
    public const string ReleaseOf = "llmoperator.io/release-of";
}
