using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// The versions of one prompt as a pure function of what is: the PromptVersions (spec and status), the
/// runs they own, the gates and models they name, the published ConfigMap, and the time. Nothing is
/// decided from memory, so an operator killed at any moment continues where the statuses say it was.
///
/// The rules, in order:
/// <list type="number">
/// <item>Objects being deleted take no part.</item>
/// <item>Two objects with the same version: the one created first counts (the earlier name on a tie);
/// the other is Rejected as DuplicateVersion, until the first is deleted.</item>
/// <item>Rejected is final for a version that failed a gate or whose templates do not parse (its spec cannot change).</item>
/// <item>The desired version is the highest one present.</item>
/// <item>The version that serves: the desired one if it served before (a Git revert re-activates it at
/// once, with no new run); else the Active one activated last; else, when the Active one was deleted,
/// the highest remaining one that served before (re-activated the same way); else none.</item>
/// <item>A desired version that does not serve and is not Rejected is the candidate: it is evaluated and
/// promoted when every gate passes (see <see cref="CandidateEvaluation"/>).</item>
/// <item>Every other version is Superseded.</item>
/// <item>The ConfigMap prompt-&lt;promptName&gt; holds the version that serves (see <see cref="Publication"/>).</item>
/// </list>
/// </summary>
internal static class PromptPlanner
{
    /// <summary>The plan for one prompt.</summary>
    public static PromptPlan Plan(PromptInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var plan = new PromptPlanBuilder(inputs);
        var duplicates = DuplicateVersions.Find(plan.States);
        foreach (var (duplicate, original) in duplicates)
        {
            PromptPlanBuilder.Problem(duplicate, PromptPhase.Rejected, "DuplicateVersion",
                $"PromptVersion {original.Name} is already version {original.Version} of prompt {plan.PromptName} and was created first, " +
                    "so this one is ignored; commit the change as a new version.",
                "DuplicateVersion");
        }

        var unique = plan.States.Except(duplicates.Select(d => d.Duplicate)).ToList();
        var open = unique.Where(v => !FinallyRejected(v)).ToList();
        var desired = unique.MaxBy(v => v.Version);
        var serving = Serving(open, desired);
        var candidate = desired is not null && open.Contains(desired) && desired != serving ? desired : null;
        if (candidate is not null && CandidateEvaluation.Plan(plan, candidate, serving))
        {
            serving = candidate;
        }
        else if (serving is not null)
        {
            plan.Activate(serving, "Reactivated", $"Version {serving.Version} is active again without a new evaluation: it passed its gates before.",
                "PromptReactivated", "is active again without a new evaluation: it passed its gates before");
        }

        foreach (var version in open.Where(v => v != serving && v != candidate))
        {
            PromptPlanBuilder.Supersede(version, version.ServedBefore && serving is not null
                ? $"Version {serving.Version} replaced it."
                : $"Version {desired!.Version} is newer, so this version was not promoted.", serving);
        }

        return plan.Build(Publication.For(plan, serving));
    }

    // Rejected for a reason its spec carries: a failed gate or templates that do not parse. A duplicate is
    // judged again on every plan, so that it counts once the object it duplicated is gone.
    private static bool FinallyRejected(VersionState version) =>
        version.Was == PromptPhase.Rejected && version.Reason is "EvaluationFailed" or "InvalidTemplate";

    private static VersionState? Serving(List<VersionState> open, VersionState? desired)
    {
        if (desired is not null && open.Contains(desired) && desired.ServedBefore)
        {
            return desired;
        }

        var active = ActivePromptVersions.Latest(open.Select(v => v.Object));
        return active is not null
            ? open.First(v => ReferenceEquals(v.Object, active))
            : open.Where(v => v.ServedBefore).MaxBy(v => v.Version);
    }
}
