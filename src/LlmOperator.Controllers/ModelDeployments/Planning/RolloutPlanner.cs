using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.ModelDeployments.Pipelines;

namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>
/// The rollout of a ModelDeployment as a pure function of what is: its spec and status, the
/// Deployments and EvaluationRuns it owns, the gates it names, and the time. It returns what the
/// reconciler must do and the status to write; it decides nothing from memory, so an operator killed at
/// any moment continues where the status and children say it was.
///
/// The states, read from the status:
/// <list type="bullet">
/// <item>no stable revision: the first revision becomes stable at once (optionally evaluated on its own);</item>
/// <item>the spec's revision is the stable one: steady (a canary left over from a revert is dropped);</item>
/// <item>any other revision: a rollout of it as the canary, step by step, until it is promoted or aborted.</item>
/// </list>
/// Then the releases of its LoRA adapters, on the pods as they are (<see cref="AdapterRollout"/>).
/// </summary>
internal static class RolloutPlanner
{
    /// <summary>The plan for one ModelDeployment.</summary>
    public static RolloutPlan Plan(RolloutInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var plan = new RolloutPlanBuilder(inputs);
        if (plan.Name.Length > ModelDeploymentNames.MaxModelNameLength)
        {
            // Caught here rather than by the CRD: a schema cannot bound metadata.name.
            plan.Degrade(
                "InvalidName",
                $"The name {plan.Name} has {plan.Name.Length} characters; at most {ModelDeploymentNames.MaxModelNameLength} leave room " +
                    "for the names of its Deployments and Services. Nothing is deployed.");
            return PlanFinisher.Finish(plan);
        }

        if (inputs.Pipeline is { Configuration: null } unserved)
        {
            Unserved(plan, unserved);
            return PlanFinisher.Finish(plan);
        }

        if (plan.Status.StableRevision is null)
        {
            FirstRevision(plan);
        }

        if (inputs.Revision == plan.Status.StableRevision)
        {
            Steady(plan);
        }
        else
        {
            CanaryRollout.Plan(plan);
        }

        AdapterRollout.Plan(plan);
        return PlanFinisher.Finish(plan);
    }

    // A pipeline revision that cannot be served renders nothing new: the stable revision, if there is
    // one, keeps serving as when steady (a rollout in progress is dropped), and the phase says what is
    // missing: Progressing while a component comes up, Degraded for what only a new commit fixes.
    private static void Unserved(RolloutPlanBuilder plan, PipelineResolution unserved)
    {
        var stable = plan.Status.StableRevision;
        if (stable is not null)
        {
            Steady(plan);
        }

        var message = unserved.Message + (stable is null ? " Nothing is deployed." : $" Revision {stable} keeps serving.");
        if (unserved.Waiting)
        {
            plan.Phase(RolloutPhase.Progressing, message);
        }
        else
        {
            plan.Degrade(unserved.Reason!, message);
        }
    }

    private static void FirstRevision(RolloutPlanBuilder plan)
    {
        var revision = plan.Inputs.Revision;
        var status = plan.Status;
        status.StableRevision = revision;
        status.Endpoint = Endpoints.Main(plan);
        status.ServedModel = plan.Inputs.Profile.ServedModel;
        // No event: nothing rolls out, and the history entry and the phase say what happens (one write less per object).
        plan.History(RolloutResult.Promoted, revision, plan.Spec.Model.Name, "first revision: it serves without a rollout");
    }

    private static void Steady(RolloutPlanBuilder plan)
    {
        var status = plan.Status;
        var stable = status.StableRevision!;
        if (status.CanaryRevision is { } abandoned)
        {
            if (status.Abort != true)
            {
                plan.History(RolloutResult.Superseded, abandoned, null, $"the spec returned to the stable revision {stable}");
            }

            plan.Note("RolloutAbandoned", $"The spec is the stable revision {stable} again: revision {abandoned} is dropped without its steps");
            CanaryRollout.Clear(status);
        }

        DriftFallback.PointAtServing(plan);
        plan.Replicas[stable] = plan.Spec.Replicas;
        plan.Traffic = plan.Inputs.Profile.RunsPods ? new TrafficTargets(stable, stable, stable, 0) : null;
        // A missing gate of a schedule degrades without blocking the schedule's other gates.
        if (InitialEvaluation(plan) || ScheduledEvaluations.Plan(plan) || plan.Degraded is not null)
        {
            return;
        }

        var ready = plan.Inputs.Revisions.GetValueOrDefault(stable)?.ReadyReplicas ?? 0;
        if (plan.Inputs.Profile.RunsPods && ready < plan.Spec.Replicas)
        {
            plan.Phase(RolloutPhase.Progressing, $"Revision {stable} has {ready} of {plan.Spec.Replicas} replicas ready.");
            return;
        }

        plan.Phase(RolloutPhase.Healthy, $"Revision {stable} ({plan.Spec.Model.Name}) serves all traffic.");
    }

    // The first revision's own evaluation, when asked for: it decides the phase until it is over. Its
    // runs are made while the first revision is all the history there is, so a gate created after the
    // first revision still judges it, and a missing one keeps it Degraded until then.
    private static bool InitialEvaluation(RolloutPlanBuilder plan)
    {
        var stable = plan.Status.StableRevision!;
        var runs = new List<EvaluationRun>();
        foreach (var gate in InitialGates(plan))
        {
            var name = ModelDeploymentNames.InitialRun(plan.Name, stable, gate);
            if (plan.Run(name) is { } run)
            {
                runs.Add(run);
            }
            else if (plan.Spec.Rollout?.EvaluateFirstDeployment == true && IsOnlyRevision(plan, stable)
                && plan.Gate(gate, "spec.rollout (evaluateFirstDeployment)") is { } found)
            {
                run = RolloutRuns.New(plan, name, found, stable, "initial", Endpoints.Candidate(plan, stable, asStable: true), baseline: null);
                plan.CreateRun(run);
                runs.Add(run);
            }
        }

        if (runs.Count == 0)
        {
            return false;
        }

        var verdict = GateVerdict.Of(runs);
        plan.Status.CurrentEvaluation = verdict.Headline;
        switch (verdict.Outcome)
        {
            case GateOutcome.Failed:
                plan.Degrade("EvaluationFailed", $"The first revision {stable} did not pass gate {verdict.Gate}: {verdict.Verdict}.");
                return true;
            case GateOutcome.Inconclusive:
                plan.Degrade(
                    "EvaluationInconclusive",
                    $"The evaluation of the first revision {stable} with gate {verdict.Gate} was inconclusive: {verdict.Verdict}.");
                return true;
            case GateOutcome.Pending:
                plan.Phase(RolloutPhase.Progressing, $"Evaluating the first revision {stable} with {runs.Count} gate(s).");
                return true;
            default:
                return false;
        }
    }

    private static bool IsOnlyRevision(RolloutPlanBuilder plan, string stable) =>
        plan.Status.History is [{ Result: RolloutResult.Promoted } first] && first.Revision == stable;

    private static IEnumerable<string> InitialGates(RolloutPlanBuilder plan) =>
        plan.Steps.Where(s => s.Evaluate is not null).SelectMany(s => s.Evaluate!.Gates).Distinct(StringComparer.Ordinal);
}
