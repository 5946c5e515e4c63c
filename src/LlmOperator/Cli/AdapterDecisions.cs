using System.CommandLine;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// What <c>llmop promote|abort|retry NAME --adapter ADAPTER</c> decides for the rollout of one LoRA adapter, from
/// its entry in status.adapters: promote swaps in a candidate paused on an inconclusive verdict (promote), abort
/// rolls the candidate back (abort), retry rolls an aborted candidate out again (abort cleared). As for the model's
/// own rollout, these are status changes the operator acts on.
/// </summary>
internal static class AdapterDecisions
{
    /// <summary>The --adapter option of promote, abort and retry.</summary>
    public static Option<string?> Option(string verb) =>
        new("--adapter") { Description = $"{verb} the rollout of this LoRA adapter (spec.adapters[].name) instead." };

    /// <summary>What promote --adapter does.</summary>
    public static RolloutChange Promote(ModelDeployment model, string name) => Decide(model, name, "promote", (subject, adapter) =>
        adapter.Abort == true
            ? RolloutChange.Refuse($"the rollout of adapter {name} of {subject} was aborted; use llmop retry --adapter {name} to roll it out again")
            : adapter.Promote == true
                ? RolloutChange.AlreadyDone($"{subject}: adapter {name} already promoted (the operator swaps in revision {adapter.CandidateRevision})")
                : adapter.Paused == true
                    ? RolloutChange.Apply(
                        s => Find(s, name).Promote = true,
                        $"{subject}: adapter {name} promoted (the operator swaps in revision {adapter.CandidateRevision})")
                    : RolloutChange.Refuse($"the rollout of adapter {name} of {subject} is not paused"));

    /// <summary>What abort --adapter does.</summary>
    public static RolloutChange Abort(ModelDeployment model, string name) => Decide(model, name, "abort", (subject, adapter) =>
        adapter.Abort == true
            ? RolloutChange.AlreadyDone($"{subject}: adapter {name} already aborted (revision {adapter.StableRevision} serves as {name})")
            : RolloutChange.Apply(
                s => Find(s, name).Abort = true,
                $"{subject}: adapter {name} aborted (the operator unloads revision {adapter.CandidateRevision}; revision {adapter.StableRevision} serves)"));

    /// <summary>What retry --adapter does.</summary>
    public static RolloutChange Retry(ModelDeployment model, string name) => Decide(model, name, "retry", (subject, adapter) =>
        adapter.Abort == true
            ? RolloutChange.Apply(
                s => Find(s, name).Abort = false,
                $"{subject}: adapter {name} retrying (the operator rolls out revision {adapter.CandidateRevision} again)")
            : adapter.AbortedAt is not null
                ? RolloutChange.AlreadyDone($"{subject}: adapter {name} already retrying (revision {adapter.CandidateRevision})")
                : RolloutChange.Refuse($"the rollout of adapter {name} of {subject} is not aborted, so there is nothing to retry"));

    private static RolloutChange Decide(ModelDeployment model, string name, string verb, Func<string, AdapterStatus, RolloutChange> decide)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subject = ModelDeploymentTarget.Describe(ObjectKey.Of(model));
        var adapter = model.Status?.Adapters?.FirstOrDefault(a => a.Name == name);
        if (adapter is null)
        {
            return RolloutChange.Refuse($"{subject} has no adapter {name} in its status");
        }

        return adapter.CandidateRevision is null
            ? RolloutChange.Refuse($"adapter {name} of {subject} has no rollout in progress, so there is nothing to {verb}")
            : decide(subject, adapter);
    }

    private static AdapterStatus Find(ModelDeploymentStatus status, string name) => status.Adapters!.First(a => a.Name == name);
}
