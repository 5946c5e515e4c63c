using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// The plan of one prompt being built: a state per version not being deleted, and the phase changes
/// with the events they come with. A phase a version already has keeps its message, so that a decision
/// about another version never rewrites this one's status.
/// </summary>
internal sealed class PromptPlanBuilder
{
    public PromptPlanBuilder(PromptInputs inputs)
    {
        Inputs = inputs;
        States = [.. inputs.Versions.Where(v => v.Metadata.DeletionTimestamp is null).Select(v => new VersionState(v))];
    }

    public PromptInputs Inputs { get; }

    public IReadOnlyList<VersionState> States { get; }

    public string PromptName => Inputs.PromptName;

    public string Namespace => Inputs.Namespace;

    public DateTimeOffset Now => Inputs.Now;

    public string ConfigMap => PromptVersionNames.ConfigMap(PromptName);

    public IReadOnlyList<EvaluationRun> RunsOf(VersionState version) => Inputs.Runs.GetValueOrDefault(version.Name) ?? [];

    /// <summary>Sets a phase that needs no one to act.</summary>
    public static void Phase(VersionState version, PromptPhase phase, string reason, string message)
    {
        version.Status.Phase = phase;
        version.Status.Message = message;
        version.Reason = reason;
        version.Problem = null;
    }

    /// <summary>
    /// A phase someone must act on (bad input, a failed gate): the Degraded condition says why, and a
    /// warning is recorded when the condition does not already say it (see <see cref="DegradedCondition"/>).
    /// </summary>
    public static void Problem(VersionState version, PromptPhase phase, string reason, string message, string eventReason)
    {
        Phase(version, phase, reason, message);
        version.Problem = (reason, message);
        if (!DegradedCondition.Says(version.Object.Status?.Conditions, reason, message))
        {
            version.Events.Add(PlannedEvent.Warning(eventReason, $"{Describe(version)}: {message}"));
        }
    }

    /// <summary>Makes a version the one that serves (unless it already is): activatedAt is now.</summary>
    public void Activate(VersionState version, string reason, string message, string eventReason, string eventMessage)
    {
        if (version.Was == PromptPhase.Active)
        {
            Phase(version, PromptPhase.Active, version.Reason, version.Status.Message ?? message);
            return;
        }

        version.Status.ActivatedAt = Now.UtcDateTime;
        Phase(version, PromptPhase.Active, reason, $"{message} Published in ConfigMap {ConfigMap}.");
        version.Events.Add(PlannedEvent.Normal(eventReason, $"{Describe(version)} {eventMessage}"));
    }

    /// <summary>A version that does not serve and is not a candidate; the first reason it got stays.</summary>
    public static void Supersede(VersionState version, string message, VersionState? serving)
    {
        if (version.Was == PromptPhase.Superseded && version.Status.Message is { } kept)
        {
            Phase(version, PromptPhase.Superseded, "Superseded", kept);
            return;
        }

        Phase(version, PromptPhase.Superseded, "Superseded", message);
        if (version.Was == PromptPhase.Active && serving is not null)
        {
            version.Events.Add(PlannedEvent.Normal("PromptSuperseded", $"{Describe(version)} is superseded by version {serving.Version}"));
        }
    }

    /// <summary>"Version 2 of prompt support-answer", for events (which are read without the object's status).</summary>
    public static string Describe(VersionState version) => $"Version {version.Version} of prompt {version.Spec.PromptName}";

    public PromptPlan Build(PromptPublication? publication)
    {
        foreach (var version in States)
        {
            VersionConditions.Set(version, Now);
        }

        return new PromptPlan
        {
            Versions = States.ToDictionary(
                s => s.Name,
                s => new VersionPlan { Status = s.Status, RunsToCreate = s.RunsToCreate, RunsToDelete = s.RunsToDelete, Events = s.Events },
                StringComparer.Ordinal),
            Publication = publication,
        };
    }
}
