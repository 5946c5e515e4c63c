using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Evaluation.Gates.Status;

/// <summary>Registers the EvaluationGate status controller.</summary>
public static class EvaluationGateControllerExtensions
{
    /// <summary>
    /// Adds the controller that writes each EvaluationGate's status (cases, dataset hash, Ready), with the
    /// evaluation engine it plans with. A change of a PromptVersion or ModelDeployment it names checks it again.
    /// </summary>
    public static OperatorBuilder AddEvaluationGateStatus(this OperatorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLlmEvaluation();
        return builder.AddController<EvaluationGate, EvaluationGateReconciler>(c => c
            .Watches<PromptVersion>(GatesRenderingThrough)
            .Watches<ModelDeployment>(GatesJudgedBy));
    }

    private static IEnumerable<ObjectKey> GatesRenderingThrough(PromptVersion version, SharedInformers informers) =>
        informers.Get<EvaluationGate>().Cache.List(version.Metadata.NamespaceProperty)
            .Where(g => g.Spec.PromptRef?.Name == version.Spec.PromptName)
            .Select(ObjectKey.Of);

    private static IEnumerable<ObjectKey> GatesJudgedBy(ModelDeployment model, SharedInformers informers) =>
        informers.Get<EvaluationGate>().Cache.List(model.Metadata.NamespaceProperty)
            .Where(g => EvaluationGateReconciler.Judges(g.Spec).Contains(model.Metadata.Name, StringComparer.Ordinal))
            .Select(ObjectKey.Of);
}
