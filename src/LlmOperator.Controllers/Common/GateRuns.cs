using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// EvaluationRuns of gates, whatever they judge (a model revision, a prompt version): made with a
/// snapshot of the gate (and its hash) and a seed so that a verdict can be reproduced, and read back
/// as outcomes.
/// </summary>
internal static class GateRuns
{
    /// <summary>Attempts of a run before an Error is final (and counts as Inconclusive).</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// A new run of <paramref name="gate"/> (the reconciler makes the judged object its owner when it
    /// creates it). The baseline is dropped when the gate compares with nothing: neither its cases nor its
    /// metrics (whose queries name the baseline's revision).
    /// </summary>
    public static EvaluationRun New(
        V1ObjectMeta metadata, EvaluationTarget target, string gateName, EvaluationGateSpec gate, RunEndpoint candidate, RunEndpoint? baseline)
    {
        var compare = gate.Comparison?.Baseline != BaselinePolicy.None || gate.Metrics is { Count: > 0 };
        return new EvaluationRun
        {
            Metadata = metadata,
            Spec = new EvaluationRunSpec
            {
                Target = target,
                Gate = new GateSnapshot { Name = gateName, Hash = Hash(KubernetesJson.Serialize(gate)), Spec = gate },
                Candidate = candidate,
                Baseline = compare ? baseline : null,
                Seed = Seed(metadata.Name),
            },
        };
    }

    /// <summary>How a run stands; dry-run gates count as passed whatever their verdict.</summary>
    public static GateOutcome Outcome(EvaluationRun? run) => run?.Status?.Phase switch
    {
        null or EvaluationPhase.Pending or EvaluationPhase.Running => GateOutcome.Pending,
        // An Error is retried by the run controller; only the last attempt's Error is an outcome.
        EvaluationPhase.Error when (run.Status.Attempts ?? 0) < MaxAttempts => GateOutcome.Pending,
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

    /// <summary>The headline of a run, for the status of the object it judges.</summary>
    public static EvaluationReference Reference(EvaluationRun run) => new()
    {
        Name = run.Metadata.Name,
        Gate = run.Spec.Gate.Name,
        Kind = ModelDeploymentNames.Label(run, WellKnownLabels.Purpose),
        Phase = run.Status?.Phase ?? EvaluationPhase.Pending,
        Verdict = run.Status?.Verdict,
        PassRate = run.Status?.Summary?.PassRate,
        Scores = run.Status?.Summary?.Scores,
    };

    /// <summary>The endpoint with the cases rendered through a version of the gate's prompt (unchanged when null).</summary>
    public static RunEndpoint WithPrompt(RunEndpoint endpoint, int? promptVersion) =>
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
