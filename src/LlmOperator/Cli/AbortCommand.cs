using System.CommandLine;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop abort NAME</c>: sets status.abort; the operator sends all traffic back to the stable
/// revision, marks the ModelDeployment Degraded and scales the canary down after a delay. <c>--adapter NAME</c>
/// aborts that LoRA adapter's rollout instead: its candidate is unloaded and its serving version stays.
/// </summary>
internal static class AbortCommand
{
    public static Command Create()
    {
        var adapter = AdapterDecisions.Option("Abort");
        return RolloutCommand.Create(
            "abort",
            "Abort a rollout: all traffic goes back to the stable revision (with --adapter, the adapter's serving version).",
            [adapter],
            parsed => parsed.GetValue(adapter) is { } name ? model => AdapterDecisions.Abort(model, name) : Decide);
    }

    /// <summary>What abort does to a ModelDeployment as read.</summary>
    public static RolloutChange Decide(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subject = ModelDeploymentTarget.Describe(ObjectKey.Of(model));
        var status = model.Status ?? new ModelDeploymentStatus();
        if (string.IsNullOrEmpty(status.CanaryRevision))
        {
            return RolloutChange.Refuse($"{subject} has no rollout in progress, so there is nothing to abort");
        }

        var stable = status.StableRevision ?? "the stable revision";
        return status.Abort == true
            ? RolloutChange.AlreadyDone(
                $"{subject}: already aborted (revision {stable} serves all traffic; llmop retry rolls out revision {status.CanaryRevision} again)")
            : RolloutChange.Apply(s => s.Abort = true, $"{subject}: aborted (the operator sends all traffic back to revision {stable})");
    }
}
