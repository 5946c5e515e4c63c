using System.Globalization;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Templates;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// The desired version on its way to serving: its templates must parse, its model must have a stable
/// revision, its gates must exist and fit it; then one EvaluationRun per gate on the model's stable
/// endpoint, the cases rendered through this version on the candidate side and through the version
/// that serves on the baseline side (a first version is judged on its thresholds alone). Any Failed
/// gate rejects it; Inconclusive (or Error after its retries) leaves it Evaluating; all Passed promotes it.
/// </summary>
internal static class CandidateEvaluation
{
    /// <summary>Plans the candidate; returns whether it is promoted.</summary>
    public static bool Plan(PromptPlanBuilder plan, VersionState candidate, VersionState? serving)
    {
        var (template, unparsed) = TemplateChecks.Compile(candidate.Spec);
        if (template is null)
        {
            PromptPlanBuilder.Problem(candidate, PromptPhase.Rejected, "InvalidTemplate",
                $"Its messages do not parse as Liquid templates: {unparsed}. {Serves(serving)}", "InvalidTemplate");
            return false;
        }

        var modelName = candidate.Spec.ModelRef.Name;
        if (!plan.Inputs.Models.TryGetValue(modelName, out var model))
        {
            PromptPlanBuilder.Problem(candidate, PromptPhase.Pending, "ModelNotFound",
                $"spec.modelRef names ModelDeployment {modelName}, which does not exist in namespace {plan.Namespace}.", "ModelNotFound");
            return false;
        }

        if (ModelEndpoints.Stable(model) is not { } endpoint)
        {
            PromptPlanBuilder.Phase(candidate, PromptPhase.Pending, "ModelNotReady",
                $"Waiting for ModelDeployment {modelName} to have a stable revision to evaluate on.");
            return false;
        }

        var gates = candidate.Spec.Gates ?? [];
        var dependents = Dependent.Of(candidate.Spec, plan.Inputs.Models.Values);
        candidate.Status.Dependents = dependents.Count == 0 ? null : [.. dependents.Select(d => d.Pipeline.Metadata.Name)];
        if (gates.Count == 0 && dependents.Count == 0)
        {
            plan.Activate(candidate, "PromotedWithoutGates",
                $"Version {candidate.Version} names no gates: it is active without an evaluation.",
                "PromptPromoted", "is active without an evaluation: it names no gates");
            return true;
        }

        var baseline = serving?.Version;
        // A pipeline's missing gate is the pipeline's to report: it does not hold up the prompts it renders.
        var expected = gates.Select(g => (Gate: g, Dependent: (Dependent?)null, Run: PromptVersionNames.Run(candidate.Name, g, baseline)))
            .Concat(dependents.SelectMany(d => d.Gates.Where(plan.Inputs.Gates.ContainsKey).Select(g => (
                Gate: g,
                Dependent: (Dependent?)d,
                Run: PromptVersionNames.Run(candidate.Name, $"{d.Pipeline.Metadata.Name}-{g}", baseline)))))
            .ToList();
        var owned = plan.RunsOf(candidate).ToDictionary(r => r.Metadata.Name, StringComparer.Ordinal);
        // Runs against a version that no longer serves judge nothing that matters now.
        candidate.RunsToDelete.AddRange(owned.Keys.Where(name => expected.All(e => e.Run != name)));
        // The dependents' runs start a few at a time; those that wait keep the version Evaluating through the ones under way.
        var free = DependentSlots.Free(
            plan.Inputs.DependentRunsAtOnce, expected.Where(e => e.Dependent is not null).Select(e => owned.GetValueOrDefault(e.Run)));
        var missing = expected.Where(e => !owned.ContainsKey(e.Run)).Where(e => e.Dependent is null || free-- > 0).ToList();
        if (missing.Count > 0 && !Start(plan, candidate, serving, template, endpoint, missing))
        {
            return false;
        }

        var runs = expected
            .Select(e => owned.GetValueOrDefault(e.Run) ?? candidate.RunsToCreate.FirstOrDefault(r => r.Metadata.Name == e.Run))
            .OfType<EvaluationRun>()
            .ToList();
        return Judge(plan, candidate, serving, runs, model, endpoint);
    }

    // Creates the missing runs, or says why it cannot (a gate that does not exist or does not fit): then none is created.
    private static bool Start(
        PromptPlanBuilder plan, VersionState candidate, VersionState? serving, PromptTemplate template, RunEndpoint endpoint,
        List<(string Gate, Dependent? Dependent, string Run)> missing)
    {
        var found = new List<(EvaluationGate Gate, Dependent? Dependent, string Run)>();
        foreach (var (name, dependent, run) in missing)
        {
            if (!plan.Inputs.Gates.TryGetValue(name, out var gate))
            {
                PromptPlanBuilder.Problem(candidate, PromptPhase.Pending, "GateNotFound",
                    $"spec.gates names EvaluationGate {name}, which does not exist in namespace {plan.Namespace}.", "GateNotFound");
                return false;
            }

            // A pipeline's gate renders its cases through the pipeline, not through this prompt alone.
            if (dependent is null && TemplateChecks.Check(candidate.Spec, template, gate) is { } problem)
            {
                PromptPlanBuilder.Problem(candidate, PromptPhase.Pending, problem.Reason, problem.Message, problem.Reason);
                return false;
            }

            found.Add((gate, dependent, run));
        }

        foreach (var (gate, dependent, run) in found)
        {
            candidate.RunsToCreate.Add(dependent is null
                ? New(plan, candidate, serving, gate, run, endpoint)
                : InPipeline(plan, candidate, serving, gate, run, dependent));
        }

        candidate.Events.Add(PlannedEvent.Normal("EvaluationStarted",
            $"Evaluating version {candidate.Version} of prompt {plan.PromptName} " +
                $"with {string.Join(", ", found.Select(f => f.Gate.Metadata.Name))} {Against(serving)} " +
                $"(runs {string.Join(", ", found.Select(f => f.Run))})"));
        return true;
    }

    private static bool Judge(
        PromptPlanBuilder plan, VersionState candidate, VersionState? serving, List<EvaluationRun> runs,
        ModelDeployment model, RunEndpoint endpoint)
    {
        var verdict = GateVerdict.Of(runs);
        candidate.Status.Evaluation = verdict.Headline;
        switch (verdict.Outcome)
        {
            case GateOutcome.Failed:
                PromptPlanBuilder.Problem(candidate, PromptPhase.Rejected, "EvaluationFailed",
                    $"{Judged(verdict)} failed: {verdict.Verdict}. {Serves(serving)}", "PromptRejected");
                return false;
            case GateOutcome.Pending:
                PromptPlanBuilder.Phase(candidate, PromptPhase.Evaluating, "EvaluationRunning",
                    $"Evaluating version {candidate.Version} with {string.Join(", ", runs.Select(r => r.Spec.Gate.Name))} " +
                        $"on ModelDeployment {model.Metadata.Name} (revision {endpoint.Revision}) {Against(serving)}.");
                return false;
            case GateOutcome.Inconclusive:
                var message = $"{Judged(verdict)} was inconclusive: {verdict.Verdict}. {Serves(serving)} " +
                    "This version stays Evaluating until a newer version is committed or it is deleted.";
                if (candidate.Reason != "EvaluationInconclusive")
                {
                    candidate.Events.Add(PlannedEvent.Warning("EvaluationInconclusive", $"{PromptPlanBuilder.Describe(candidate)}: {message}"));
                }

                PromptPlanBuilder.Phase(candidate, PromptPhase.Evaluating, "EvaluationInconclusive", message);
                return false;
            default:
                var gates = string.Join(", ", runs.Select(r => r.Spec.Gate.Name));
                plan.Activate(candidate, "Promoted",
                    $"Version {candidate.Version} passed {gates} {Against(serving)} and is active.",
                    "PromptPromoted", $"is active: it passed {gates} {Against(serving)}");
                return true;
        }
    }

    private static EvaluationRun New(
        PromptPlanBuilder plan, VersionState candidate, VersionState? serving, EvaluationGate gate, string name, RunEndpoint endpoint)
    {
        // The snapshot renders through this prompt whatever the gate says (it names this prompt or none).
        var spec = KubernetesJson.Deserialize<EvaluationGateSpec>(KubernetesJson.Serialize(gate.Spec));
        spec.PromptRef = new PromptReference { Name = plan.PromptName };
        return Run(
            plan, candidate, gate, name, spec, GateRuns.WithPrompt(endpoint, candidate.Version),
            serving is null ? null : GateRuns.WithPrompt(endpoint, serving.Version));
    }

    // The pipeline's gate run with this version in place of the one that serves, paired against it.
    private static EvaluationRun InPipeline(
        PromptPlanBuilder plan, VersionState candidate, VersionState? serving, EvaluationGate gate, string name, Dependent dependent)
    {
        var run = Run(
            plan, candidate, gate, name, gate.Spec,
            PipelineRuns.InPipeline(dependent, promptVersions: new() { [plan.PromptName] = candidate.Version }),
            serving is null ? null : PipelineRuns.InPipeline(dependent, promptVersions: new() { [plan.PromptName] = serving.Version }));
        return PipelineRuns.Label(run, dependent.Pipeline.Metadata.Name);
    }

    // A run of this version, named and labelled as the prompt's runs are.
    private static EvaluationRun Run(
        PromptPlanBuilder plan, VersionState candidate, EvaluationGate gate, string name, EvaluationGateSpec spec, RunEndpoint on, RunEndpoint? against) =>
        GateRuns.New(
            new V1ObjectMeta { Name = name, NamespaceProperty = plan.Namespace, Labels = PromptVersionNames.RunLabels(plan.PromptName, candidate.Version) },
            new EvaluationTarget
            {
                Kind = EvaluationTargetKind.PromptVersion,
                Name = candidate.Name,
                Revision = candidate.Version.ToString(CultureInfo.InvariantCulture),
            },
            gate.Metadata.Name,
            spec,
            on,
            against);

    private static string Judged(GateVerdict verdict) =>
        PipelineRuns.PipelineOf(verdict.Deciding) is { } pipeline ? $"Gate {verdict.Gate} of pipeline {pipeline}, with this version," : $"Gate {verdict.Gate}";

    private static string Against(VersionState? serving) => serving is null ? "on its own (no version serves yet)" : $"against version {serving.Version}";

    private static string Serves(VersionState? serving) => serving is null ? "No version is published." : $"Version {serving.Version} keeps serving.";
}
