using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// The EvaluationRuns that judge a new version of an adapter: through the main Service (every pod has both
/// versions loaded), the canary name as candidate against the adapter's own name as baseline. Named by
/// adapter, revision, attempt and gate, so that a restarted operator finds the runs it started; removed when
/// their adapter is gone or their revision fell out of its history.
/// </summary>
internal static class AdapterRuns
{
    /// <summary>The purpose label of these runs.</summary>
    public const string Purpose = "adapter";

    /// <summary>The run of <paramref name="gate"/> judging revision <paramref name="revision"/> of an adapter at one attempt.</summary>
    public static string Name(string model, string adapter, string revision, int attempt, string gate) =>
        RunNames.Fit($"{model}-{adapter}-{revision}-{attempt}-{gate}");

    /// <summary>A run of <paramref name="gate"/> with the candidate and the stable version of <paramref name="status"/>'s adapter.</summary>
    public static EvaluationRun New(RolloutPlanBuilder plan, string name, EvaluationGate gate, AdapterStatus status)
    {
        var candidate = status.CandidateRevision!;
        var url = Endpoints.Main(plan);
        return RolloutRuns.New(
            plan,
            name,
            gate,
            candidate,
            Purpose,
            new RunEndpoint { Url = url, Model = AdapterSlot.CanaryName(status.Name), Revision = candidate },
            new RunEndpoint { Url = url, Model = status.Name, Revision = status.StableRevision },
            new EvaluationTarget { Kind = EvaluationTargetKind.ModelDeployment, Name = plan.Name, Revision = candidate },
            status.Name);
    }

    /// <summary>Deletes the adapter runs no adapter keeps: those of a removed adapter, or of a revision beyond its history.</summary>
    public static void Clean(RolloutPlanBuilder plan, IReadOnlyList<AdapterStatus> adapters)
    {
        var limit = Math.Max(1, plan.Spec.Rollout?.RevisionHistoryLimit ?? 3) + 1;
        var kept = adapters.ToDictionary(
            a => a.Name,
            a => new HashSet<string>(
                new[] { a.CandidateRevision }.OfType<string>().Concat((a.History ?? []).Take(limit).Select(h => h.Revision)), StringComparer.Ordinal),
            StringComparer.Ordinal);
        foreach (var run in plan.Inputs.Runs.Values.Where(r => ModelDeploymentNames.Label(r, WellKnownLabels.Purpose) == Purpose))
        {
            var adapter = ModelDeploymentNames.Label(run, WellKnownLabels.Adapter);
            if (adapter is null || !kept.TryGetValue(adapter, out var revisions) || !revisions.Contains(run.Spec.Target.Revision ?? ""))
            {
                plan.DeleteRun(run.Metadata.Name);
            }
        }
    }
}
