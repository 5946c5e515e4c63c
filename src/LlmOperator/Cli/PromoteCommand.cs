using System.CommandLine;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop promote NAME [--full | --accept-drift]</c>: releases a paused rollout by removing its pause
/// conditions (the operator sees its own pause released and goes on with the next step); <c>--full</c>
/// also sets promoteFull, which makes the operator skip every remaining step. <c>--accept-drift</c> sets
/// acceptDrift instead: what the stable revision answers now becomes its release. <c>--adapter NAME</c> swaps in
/// that LoRA adapter's candidate paused on an inconclusive verdict (<see cref="AdapterDecisions"/>).
/// </summary>
internal static class PromoteCommand
{
    public static Command Create()
    {
        var full = new Option<bool>("--full") { Description = "Skip every remaining step and promote the canary now." };
        var acceptDrift = new Option<bool>("--accept-drift")
        {
            Description = "Make what the stable revision answers now (its newest scheduled runs) its release, so that drift is measured from there.",
        };
        var adapter = AdapterDecisions.Option("Promote");
        return RolloutCommand.Create(
            "promote",
            "Resume a paused rollout; with --full, skip its remaining steps and promote the canary; with --accept-drift, accept a drift; "
                + "with --adapter, swap in an adapter's paused candidate.",
            [full, acceptDrift, adapter],
            parsed =>
            {
                var skipAll = parsed.GetValue(full);
                var accept = parsed.GetValue(acceptDrift);
                var name = parsed.GetValue(adapter);
                return model => name is not null ? AdapterDecisions.Promote(model, name) : accept ? AcceptDrift(model) : Decide(model, skipAll);
            });
    }

    /// <summary>What promote --accept-drift does to a ModelDeployment as read.</summary>
    public static RolloutChange AcceptDrift(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subject = ModelDeploymentTarget.Describe(ObjectKey.Of(model));
        var status = model.Status ?? new ModelDeploymentStatus();
        var drifted = (status.ScheduledVerdicts ?? [])
            .GroupBy(v => v.Gate, StringComparer.Ordinal)
            .Select(g => g.First())
            .Where(v => v.Drifted == true)
            .ToList();
        if (status.StableRevision is not { } stable || drifted.Count == 0)
        {
            return RolloutChange.Refuse($"{subject} has no drift to accept: the newest scheduled run of each gate found none");
        }

        var what = $"the newest scheduled runs ({string.Join(", ", drifted.Select(v => v.Run))}) become the release of revision {stable}";
        return status.AcceptDrift == true
            ? RolloutChange.AlreadyDone($"{subject}: drift already accepted ({what})")
            : RolloutChange.Apply(s => s.AcceptDrift = true, $"{subject}: drift accepted: {what}");
    }

    /// <summary>What promote does to a ModelDeployment as read.</summary>
    public static RolloutChange Decide(ModelDeployment model, bool full)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subject = ModelDeploymentTarget.Describe(ObjectKey.Of(model));
        var status = model.Status ?? new ModelDeploymentStatus();
        if (string.IsNullOrEmpty(status.CanaryRevision))
        {
            return RolloutChange.Refuse($"{subject} has no rollout in progress, so there is nothing to promote");
        }

        var canary = status.CanaryRevision;
        if (status.Abort == true)
        {
            // The operator looks at abort before promoteFull: a promotion now would do nothing.
            return RolloutChange.Refuse($"the rollout of revision {canary} of {subject} was aborted; use llmop retry to roll it out again");
        }

        var paused = status.PauseConditions is { Count: > 0 };
        if (status.PromoteFull == true && !paused)
        {
            return RolloutChange.AlreadyDone($"{subject}: already promoted fully (the operator skips the remaining steps and makes revision {canary} stable)");
        }

        if (full)
        {
            // The pause conditions go too, so that nothing shows the rollout as paused while it is promoted.
            return RolloutChange.Apply(
                s =>
                {
                    s.PromoteFull = true;
                    s.PauseConditions = null;
                },
                $"{subject}: promoted fully (the operator skips the remaining steps and makes revision {canary} stable)");
        }

        var step = $"after step {(status.CurrentStepIndex ?? 0) + 1} of {model.Spec.Rollout?.Steps?.Count ?? 0}";
        if (paused)
        {
            return RolloutChange.Apply(s => s.PauseConditions = null, $"{subject}: promoted (the operator continues the rollout of revision {canary} {step})");
        }

        if (status.ControllerPause == true)
        {
            // The pause is released already; the operator has not acted on it yet.
            return RolloutChange.AlreadyDone($"{subject}: already promoted (the operator continues the rollout of revision {canary} {step})");
        }

        return RolloutChange.Refuse($"the rollout of revision {canary} of {subject} is not paused; --full skips the remaining steps");
    }
}
