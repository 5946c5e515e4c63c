using System.Globalization;
using System.Text;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.ModelDeployments.Planning;
using LlmOperator.Sandbox.Tables;

namespace LlmOperator.Cli;

/// <summary>
/// The text of <c>llmop status</c>, modelled on <c>kubectl argo rollouts get rollout</c>: the rollout's
/// state, its steps, pause, evaluation, history and conditions, then the tree of what it owns. Plain
/// text, a pure function of the objects and the time, so that the same input always gives the same frame.
/// </summary>
internal static class RolloutView
{
    /// <summary>How many history entries the view shows (the status keeps up to revisionHistoryLimit).</summary>
    public const int HistoryShown = 5;

    /// <summary>How many EvaluationRuns the tree shows, newest first.</summary>
    public const int RunsShown = 10;

    private const string None = "-";

    // Pass rates from 0 to 1 as bar heights; a terminal without these glyphs still shows the numbers beside them.
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>Renders a ModelDeployment with its Deployments and EvaluationRuns, ages taken at <paramref name="now"/>.</summary>
    public static string Render(ModelDeployment model, IReadOnlyList<V1Deployment> deployments, IReadOnlyList<EvaluationRun> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(deployments);
        ArgumentNullException.ThrowIfNull(runs);
        var status = model.Status ?? new ModelDeploymentStatus();
        var steps = model.Spec.Rollout?.Steps ?? [];
        var text = new StringBuilder();
        Summary(text, model, status, steps);
        Steps(text, status, steps);
        Pause(text, status, now);
        Evaluation(text, status.CurrentEvaluation);
        AdapterView.Render(text, status.Adapters);
        Scheduled(text, status.ScheduledVerdicts, now);
        History(text, status.History, now);
        ConditionList(text, status.Conditions, now);
        Tree(text, model, status, deployments, runs, now);
        return text.ToString();
    }

    private static void Summary(StringBuilder text, ModelDeployment model, ModelDeploymentStatus status, List<RolloutStep> steps)
    {
        var rolling = !string.IsNullOrEmpty(status.CanaryRevision);
        var index = Math.Clamp(status.CurrentStepIndex ?? 0, 0, steps.Count);
        var fields = new TextTable();
        fields.Add("Name:", model.Metadata.Name);
        fields.Add("Namespace:", model.Metadata.NamespaceProperty);
        fields.Add("Phase:", status.Phase?.ToString() ?? "Unknown");
        fields.Add("Message:", status.Message ?? None);
        if (status.ObservedGeneration is { } observed && model.Metadata.Generation is { } generation && observed != generation)
        {
            fields.Add("Observed:", Text($"generation {observed} of {generation}: the operator has not acted on the latest spec yet"));
        }

        fields.Add("Stable:", status.StableRevision ?? None);
        fields.Add("Canary:", rolling ? $"{status.CanaryRevision} ({model.Spec.Model.Name})" : None);
        fields.Add("Served model:", status.ServedModel ?? None);
        fields.Add("Endpoint:", status.Endpoint ?? None);
        if (status.ServingFallback is { } fallback)
        {
            fields.Add(
                "Serving fallback:",
                Text($"{fallback.Name} ({fallback.ServedModel}, revision {fallback.Revision}) instead of drifted revision {fallback.Replacing}")
                    + (fallback.Since is { } since ? Text($" since {since:yyyy-MM-dd HH:mm} UTC") : ""));
        }

        if (status.Dependents is { Count: > 0 } dependents)
        {
            fields.Add("Judged by:", Text($"pipelines {string.Join(", ", dependents)}"));
        }
        fields.Add("Step:", rolling ? Text($"{Math.Min(index + 1, steps.Count)}/{steps.Count}") + (index == steps.Count ? " (all steps done)" : "") : None);
        fields.Add("Set weight:", rolling ? Text($"{CanaryScaling.WeightBefore(steps, index)}") : None);
        fields.Add("Canary weight:", Text($"{status.CanaryWeight ?? 0}"));
        if (status.Attempt is > 1)
        {
            fields.Add("Attempt:", Text($"{status.Attempt}"));
        }

        if (status.Abort == true)
        {
            fields.Add("Abort:", "yes (llmop retry rolls the canary out again)");
        }
        else if (rolling && status.AbortedAt is not null)
        {
            fields.Add("Abort:", "retry requested, the operator has not acted on it yet");
        }

        if (status.PromoteFull == true)
        {
            fields.Add("Promote full:", "yes (the remaining steps are skipped)");
        }

        fields.WriteTo(text);
    }

    private static void Steps(StringBuilder text, ModelDeploymentStatus status, List<RolloutStep> steps)
    {
        text.Append('\n');
        if (steps.Count == 0)
        {
            text.Append("Steps: none (a new revision is promoted as soon as it is ready)\n");
            return;
        }

        var rolling = !string.IsNullOrEmpty(status.CanaryRevision);
        var index = status.CurrentStepIndex ?? 0;
        text.Append(rolling ? "Steps:\n" : "Steps (no rollout in progress):\n");
        var table = new TextTable();
        for (var i = 0; i < steps.Count; i++)
        {
            var number = Text($"{i + 1}.");
            if (rolling)
            {
                table.Add(Marker(i, index, status), number, Describe(steps[i]));
            }
            else
            {
                table.Add(number, Describe(steps[i]));
            }
        }

        table.WriteTo(text, "  ");
    }

    /// <summary>Where a step stands: done, current, paused, aborted or pending.</summary>
    internal static string Marker(int step, int current, ModelDeploymentStatus status) =>
        step < current ? "done"
        : step > current ? "pending"
        : status.Abort == true ? "aborted"
        : status.PauseConditions is { Count: > 0 } ? "paused"
        : "current";

    /// <summary>A step in words, as the spec says it.</summary>
    internal static string Describe(RolloutStep step) => step switch
    {
        { SetWeight: { } weight } => Text($"setWeight: {weight}"),
        { Pause: { Duration: { } duration } } => $"pause: {duration}",
        { Pause: not null } => "pause (until llmop promote)",
        { Evaluate: { } evaluate } => $"evaluate: {string.Join(", ", evaluate.Gates)} (inconclusive: {evaluate.OnInconclusive.ToString().ToLowerInvariant()})",
        { SetCanaryScale.Replicas: { } replicas } => Text($"setCanaryScale: {replicas} replicas"),
        { SetCanaryScale.Weight: { } percent } => Text($"setCanaryScale: {percent}% of replicas"),
        { SetCanaryScale: not null } => "setCanaryScale: match traffic weight",
        _ => "(empty step)",
    };

    private static void Pause(StringBuilder text, ModelDeploymentStatus status, DateTimeOffset now)
    {
        if (status.PauseConditions is not { Count: > 0 } pauses)
        {
            return;
        }

        text.Append("\nPause conditions:\n");
        var table = new TextTable();
        foreach (var pause in pauses)
        {
            table.Add(pause.Reason.ToString(), $"for {Age(pause.StartTime, now)}");
        }

        table.WriteTo(text, "  ");
    }

    private static void Evaluation(StringBuilder text, EvaluationReference? evaluation)
    {
        if (evaluation is null)
        {
            return;
        }

        text.Append('\n');
        var fields = new TextTable();
        fields.Add("Evaluation:", evaluation.Name);
        fields.Add("  Phase:", evaluation.Phase?.ToString() ?? EvaluationPhase.Pending.ToString());
        fields.Add("  Verdict:", evaluation.Verdict ?? None);
        fields.Add("  Pass rate:", evaluation.PassRate is { } rate ? Percent(rate) : None);
        fields.Add("  Scores:", evaluation.Scores is { Count: > 0 } scores
            ? string.Join(", ", scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Text($"{s.Key} {s.Value:0.000}")))
            : None);
        fields.WriteTo(text);
    }

    // The drift trend of each gate: its pass rates oldest to newest as a line of bars (! for a run that found
    // drift), then the latest with its interval.
    private static void Scheduled(StringBuilder text, List<ScheduledVerdict>? verdicts, DateTimeOffset now)
    {
        if (verdicts is not { Count: > 0 })
        {
            return;
        }

        text.Append("\nScheduled evaluations (oldest to newest):\n");
        var table = new TextTable();
        table.Add("GATE", "TREND", "LATEST", "INTERVAL", "AGE", "DRIFT");
        foreach (var gate in verdicts.GroupBy(v => v.Gate, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var latest = gate.First();
            table.Add(
                gate.Key,
                string.Concat(gate.Reverse().Select(v => v.Drifted == true ? '!' : Bar(v.PassRate))),
                latest.PassRate is { } rate ? Percent(rate) : None,
                latest is { PassRateLower: { } lower, PassRateUpper: { } upper } ? $"{Percent(lower)}-{Percent(upper)}" : None,
                Age(latest.Time, now),
                latest.Drifted == true ? "drifted" : latest.Phase == EvaluationPhase.Passed ? "none" : latest.Phase?.ToString() ?? None);
        }

        table.WriteTo(text, "  ");
    }

    private static char Bar(double? share) => share is { } s ? Bars[(int)Math.Round(Math.Clamp(s, 0, 1) * (Bars.Length - 1))] : '?';

    private static void History(StringBuilder text, List<RolloutHistoryEntry>? history, DateTimeOffset now)
    {
        if (history is not { Count: > 0 })
        {
            return;
        }

        text.Append("\nHistory:\n");
        var table = new TextTable();
        table.Add("REVISION", "RESULT", "MODEL", "AGE", "MESSAGE");
        foreach (var entry in history.Take(HistoryShown))
        {
            table.Add(entry.Revision, entry.Result.ToString(), entry.Model ?? None, Age(entry.Time, now), entry.Message ?? "");
        }

        table.WriteTo(text, "  ");
    }

    private static void ConditionList(StringBuilder text, List<Condition>? conditions, DateTimeOffset now)
    {
        if (conditions is not { Count: > 0 })
        {
            return;
        }

        text.Append("\nConditions:\n");
        var table = new TextTable();
        table.Add("TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
        foreach (var condition in conditions)
        {
            table.Add(condition.Type, condition.Status.ToString(), condition.Reason, Age(condition.LastTransitionTime, now), condition.Message ?? "");
        }

        table.WriteTo(text, "  ");
    }

    private static void Tree(
        StringBuilder text,
        ModelDeployment model,
        ModelDeploymentStatus status,
        IReadOnlyList<V1Deployment> deployments,
        IReadOnlyList<EvaluationRun> runs,
        DateTimeOffset now)
    {
        var table = new TextTable();
        table.Add("NAME", "KIND", "STATUS", "AGE", "INFO");
        table.Add(model.Metadata.Name, "ModelDeployment", status.Phase?.ToString() ?? "Unknown", Age(model.Metadata.CreationTimestamp, now), "");
        var children = new List<string[]>();
        foreach (var deployment in Newest(deployments))
        {
            children.Add(
            [
                deployment.Metadata.Name,
                "Deployment",
                DeploymentState(deployment),
                Age(deployment.Metadata.CreationTimestamp, now),
                DeploymentInfo(deployment, status),
            ]);
        }

        var shown = Newest(runs).Take(RunsShown).ToList();
        foreach (var run in shown)
        {
            children.Add(
            [
                run.Metadata.Name,
                "EvaluationRun",
                (run.Status?.Phase ?? EvaluationPhase.Pending).ToString(),
                Age(run.Metadata.CreationTimestamp, now),
                RunInfo(run),
            ]);
        }

        for (var i = 0; i < children.Count; i++)
        {
            var row = children[i];
            row[0] = (i == children.Count - 1 ? "`-- " : "|-- ") + row[0];
            table.Add(row);
        }

        text.Append('\n');
        table.WriteTo(text);
        if (runs.Count > shown.Count)
        {
            text.Append(Text($"({runs.Count - shown.Count} older EvaluationRuns not shown)\n"));
        }
    }

    private static IEnumerable<T> Newest<T>(IEnumerable<T> objects)
        where T : k8s.IKubernetesObject<V1ObjectMeta> =>
        objects.OrderByDescending(o => o.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(o => o.Metadata.Name, StringComparer.Ordinal);

    private static string DeploymentState(V1Deployment deployment)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var ready = deployment.Status?.ReadyReplicas ?? 0;
        return desired == 0 && ready == 0 ? "ScaledDown" : ready >= desired ? "Ready" : "Progressing";
    }

    private static string DeploymentInfo(V1Deployment deployment, ModelDeploymentStatus status)
    {
        var revision = ModelDeploymentNames.Label(deployment, WellKnownLabels.Revision);
        var role = revision is null ? null
            : revision == status.CanaryRevision ? "canary"
            : revision == status.StableRevision ? "stable"
            : null;
        var info = new List<string>();
        if (revision is not null)
        {
            info.Add(role is null ? $"revision {revision}" : $"revision {revision} ({role})");
        }

        info.Add(Text($"ready {deployment.Status?.ReadyReplicas ?? 0}/{deployment.Spec?.Replicas ?? 1}"));
        return string.Join(", ", info);
    }

    private static string RunInfo(EvaluationRun run)
    {
        var info = new List<string>();
        if (run.Status?.Summary?.PassRate is { } rate)
        {
            info.Add($"pass rate {Percent(rate)}");
        }

        if (run.Status?.Verdict is { Length: > 0 } verdict)
        {
            info.Add(verdict);
        }

        return string.Join(", ", info);
    }

    private static string Percent(double share) => Text($"{share * 100:0.#}%");

    private static string Age(DateTime? time, DateTimeOffset now) => time is { } t ? HumanDuration.Format(now - Utc(t)) : None;

    // KubernetesClient reads timestamps as UTC; a value built in code may carry another kind.
    private static DateTimeOffset Utc(DateTime time) => time.Kind == DateTimeKind.Local
        ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero)
        : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
