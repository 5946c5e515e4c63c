using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The EvaluationRuns of a rollout: a gate's run labelled with the model, revision and purpose, and,
/// when the gate renders its cases through a prompt, through that prompt's active version on both
/// sides, so that a new model is judged with the prompt it will really serve. A run judging another
/// ModelDeployment for it (a fallback) names that one as its target. A run judging a version of a LoRA
/// adapter is labelled with the adapter instead of a revision of the model,
/// so that revisions' runs and adapters' runs are kept by their own histories.
/// </summary>
internal static class RolloutRuns
{
    public static EvaluationRun New(
        RolloutPlanBuilder plan, string name, EvaluationGate gate, string revision, string purpose,
        RunEndpoint candidate, RunEndpoint? baseline, EvaluationTarget? target = null, string? adapter = null)
    {
        var labels = ModelDeploymentNames.Labels(plan.Model, adapter is null ? revision : null);
        labels[WellKnownLabels.Purpose] = purpose;
        if (adapter is not null)
        {
            labels[WellKnownLabels.Adapter] = adapter;
        }

        var promptVersion = gate.Spec.PromptRef is { } prompt && plan.Inputs.ActivePromptVersions.TryGetValue(prompt.Name, out var active)
            ? active
            : (int?)null;
        return GateRuns.New(
            new V1ObjectMeta { Name = name, NamespaceProperty = plan.Namespace, Labels = labels },
            target ?? new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = plan.Name, Revision = revision },
            gate.Metadata.Name,
            gate.Spec,
            GateRuns.WithPrompt(candidate, promptVersion),
            baseline is null ? null : GateRuns.WithPrompt(baseline, promptVersion));
    }
}
