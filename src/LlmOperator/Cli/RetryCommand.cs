using System.CommandLine;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop retry NAME</c>: clears status.abort of an aborted rollout; the operator rolls the same
/// revision out again from the first step, with new evaluation runs. <c>--adapter NAME</c> does the same for that
/// LoRA adapter's aborted candidate.
/// </summary>
internal static class RetryCommand
{
    public static Command Create()
    {
        var adapter = AdapterDecisions.Option("Retry");
        return RolloutCommand.Create(
            "retry",
            "Roll an aborted revision (with --adapter, an adapter's aborted version) out again from the first step.",
            [adapter],
            parsed => parsed.GetValue(adapter) is { } name ? model => AdapterDecisions.Retry(model, name) : Decide);
    }

    /// <summary>What retry does to a ModelDeployment as read.</summary>
    public static RolloutChange Decide(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subject = ModelDeploymentTarget.Describe(ObjectKey.Of(model));
        var status = model.Status ?? new ModelDeploymentStatus();
        var canary = status.CanaryRevision;
        if (status.Abort == true)
        {
            return RolloutChange.Apply(s => s.Abort = false, $"{subject}: retrying (the operator rolls out revision {canary} again from step 1)");
        }

        if (string.IsNullOrEmpty(canary))
        {
            return RolloutChange.Refuse($"{subject} has no rollout in progress, so there is nothing to retry");
        }

        // abort false with abortedAt still set: a retry was asked and the operator has not acted on it yet.
        return status.AbortedAt is not null
            ? RolloutChange.AlreadyDone($"{subject}: already retrying (the operator rolls out revision {canary} again from step 1)")
            : RolloutChange.Refuse($"the rollout of revision {canary} of {subject} is not aborted, so there is nothing to retry");
    }
}
