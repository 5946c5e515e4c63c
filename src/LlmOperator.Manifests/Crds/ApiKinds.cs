using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Manifests.Crds;

/// <summary>The kinds of the llmoperator.io/v1alpha1 API.</summary>
internal static class ApiKinds
{
    /// <summary>Every kind, in the order their CRDs are generated.</summary>
    public static IReadOnlyList<CustomResourceDescriptor> All { get; } =
    [
        CustomResourceDescriptor.For(typeof(ModelDeployment)),
        CustomResourceDescriptor.For(typeof(PromptVersion)),
        CustomResourceDescriptor.For(typeof(EvaluationGate)),
        CustomResourceDescriptor.For(typeof(EvaluationRun)),
    ];
}
