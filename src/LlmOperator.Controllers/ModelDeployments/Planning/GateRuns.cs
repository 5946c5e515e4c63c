using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.EvaluationRuns;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// EvaluationRuns of the gates a rollout names: made with a snapshot of the gate (and its hash) so
/// that a verdict can be reproduced, and read back as outcomes.
/// </summary>
internal static class GateRuns
{
    /// <summary>A new run (the reconciler makes the ModelDeployment its owner when it creates it).</summary>
    public static EvaluationRun New(PlanBuilder plan, string name, EvaluationGate gate, string revision, string purpose, RunEndpoint candidate, RunEndpoint? baseline)
    {
        var labels = ModelDeploymentNames.Labels(plan.Model, revision);
        labels[ModelDeploymentNames.PurposeLabel] = purpose;
        var compare = gate.Spec.Comparison?.Baseline != BaselinePolicy.None;
        var promptVersion = gate.Spec.PromptRef is { } prompt && plan.Inputs.ActivePromptVersions.TryGetValue(prompt.Name, out var active) ? active : (int?)null;
        return new EvaluationRun
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = plan.Namespace, Labels = labels },
            Spec = new EvaluationRunSpec
            {
                Target = new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = plan.Name, Revision = revision },
                Gate = new GateSnapshot { Name = gate.Metadata.Name, Hash = Hash(KubernetesJson.Serialize(gate.Spec)), Spec = gate.Spec },
                Candidate = WithPrompt(candidate, promptVersion),
                Baseline = compare && baseline is not null ? WithPrompt(baseline, promptVersion) : null,
                Seed = Seed(name),
            },
        };
    }

    /// <summary>How a run stands; dry-run gates count as passed whatever their verdict.</summary>
    public static GateOutcome Outcome(EvaluationRun? run) => run?.Status?.Phase switch
    {
        null or EvaluationPhase.Pending or EvaluationPhase.Running => GateOutcome.Pending,
        // An Error is retried by the run controller; only the last attempt's Error is an outcome.
        EvaluationPhase.Error when (run.Status.Attempts ?? 0) < RunJobPlanner.MaxAttempts => GateOutcome.Pending,
        _ when run.Spec.Gate.Spec.Execution?.DryRun == true => GateOutcome.Passed,
        EvaluationPhase.Passed => GateOutcome.Passed,
        EvaluationPhase.Failed => GateOutcome.Failed,
        _ => GateOutcome.Inconclusive,
    };

    /// <summary>A run's verdict as a clause of a longer message: without the phase it starts with, nor a final full stop.</summary>
    public static string Verdict(EvaluationRun run)
    {
        var verdict = run.Status?.Verdict?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(verdict))
        {
            return run.Status?.Phase?.ToString() ?? "no verdict";
        }

        var phase = $"{run.Status?.Phase}: ";
        return verdict.StartsWith(phase, StringComparison.Ordinal) ? verdict[phase.Length..] : verdict;
    }

    /// <summary>The headline of a run, for status.currentEvaluation.</summary>
    public static EvaluationReference Reference(EvaluationRun run) => new()
    {
        Name = run.Metadata.Name,
        Phase = run.Status?.Phase ?? EvaluationPhase.Pending,
        Verdict = run.Status?.Verdict,
        PassRate = run.Status?.Summary?.PassRate,
        Scores = run.Status?.Summary?.Scores,
    };

    private static RunEndpoint WithPrompt(RunEndpoint endpoint, int? promptVersion) =>
        promptVersion is null ? endpoint : new RunEndpoint
        {
            Url = endpoint.Url,
            Model = endpoint.Model,
            Revision = endpoint.Revision,
            ApiKeySecretRef = endpoint.ApiKeySecretRef,
            Pricing = endpoint.Pricing,
            PromptVersion = promptVersion,
        };

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    // The same run name always gets the same seed, so that a recreated run reproduces its verdict.
    private static long Seed(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0) & long.MaxValue;
}
