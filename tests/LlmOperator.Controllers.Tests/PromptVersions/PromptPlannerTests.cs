using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.PromptVersions;
using LlmOperator.Controllers.PromptVersions.Planning;

namespace LlmOperator.Controllers.Tests.PromptVersions;

public class PromptPlannerTests
{
    private const string V1 = "answer-v1";
    private const string V2 = "answer-v2";
    private const string V3 = "answer-v3";

    /// <summary>v1 committed, evaluated on its own and active.</summary>
    private static PromptWorld WithActiveV1()
    {
        var world = new PromptWorld("quality");
        world.Commit(PromptWorld.Spec(1, gates: "quality"));
        world.Settle();
        world.FinishRuns(V1, EvaluationPhase.Passed, "Passed: 3 of 3 cases passed (100%) and every threshold is met.");
        world.Settle();
        return world;
    }

    /// <summary>v1 then v2 active (v1 superseded).</summary>
    private static PromptWorld WithActiveV2()
    {
        var world = WithActiveV1();
        world.Commit(PromptWorld.Spec(2, "Please answer: {{ question }}", "quality"));
        world.Settle();
        world.FinishRuns(V2, EvaluationPhase.Passed);
        world.Settle();
        return world;
    }

    // Why a version is in its phase, in one word: the reason of its Ready condition.
    private static string Reason(PromptVersionStatus status) => Conditions.Find(status.Conditions, ConditionTypes.Ready)!.Reason;

    [Fact]
    public void A_first_version_is_evaluated_on_its_own_on_the_models_stable_endpoint_and_then_published()
    {
        var world = new PromptWorld("quality");
        world.Commit(PromptWorld.Spec(1, gates: "quality"));

        world.Settle();

        var status = world.Status(V1);
        Assert.Equal(PromptPhase.Evaluating, status.Phase);
        Assert.Equal("EvaluationRunning", Reason(status));
        Assert.Contains("on its own", status.Message, StringComparison.Ordinal);
        var run = Assert.Single(world.RunsOf(V1));
        Assert.Equal("answer-v1-quality", run.Metadata.Name);
        Assert.Equal((EvaluationTargetKind.PromptVersion, V1, "1"), (run.Spec.Target.Kind, run.Spec.Target.Name, run.Spec.Target.Revision));
        Assert.Equal("http://chat-stable.support.svc/v1", run.Spec.Candidate.Url);
        Assert.Equal(("chat", "abc123", 1), (run.Spec.Candidate.Model, run.Spec.Candidate.Revision, run.Spec.Candidate.PromptVersion));
        Assert.Null(run.Spec.Baseline);
        Assert.Equal(PromptWorld.Prompt, run.Spec.Gate.Spec.PromptRef!.Name);
        Assert.Null(world.Gates["quality"].Spec.PromptRef);
        Assert.Equal("answer", run.Metadata.Labels[WellKnownLabels.Prompt]);
        Assert.Equal("1", run.Metadata.Labels[WellKnownLabels.PromptVersion]);
        Assert.Null(world.Published);
        Assert.Equal(["EvaluationStarted"], world.EventReasons(V1));

        world.FinishRuns(V1, EvaluationPhase.Passed, "Passed: 3 of 3 cases passed (100%) and every threshold is met.");
        world.Settle();

        status = world.Status(V1);
        Assert.Equal(PromptPhase.Active, status.Phase);
        Assert.Equal("Promoted", Reason(status));
        Assert.Contains("prompt-answer", status.Message, StringComparison.Ordinal);
        Assert.Equal(world.Now.UtcDateTime, status.ActivatedAt);
        Assert.Equal(PromptContentHash.Of(world.Version(V1).Spec), status.ContentHash);
        Assert.Equal((run.Metadata.Name, EvaluationPhase.Passed), (status.Evaluation!.Name, status.Evaluation.Phase));
        Assert.Equal(1, status.ObservedGeneration);
        Assert.Equal(("Promoted", ConditionStatus.True), Condition(status, ConditionTypes.Ready));
        Assert.Equal(("EvaluationPassed", ConditionStatus.True), Condition(status, ConditionTypes.EvaluationsPassing));
        Assert.Equal(("NotDegraded", ConditionStatus.False), Condition(status, ConditionTypes.Degraded));
        Assert.Equal(["EvaluationStarted", "PromptPromoted"], world.EventReasons(V1));

        var published = world.Published!;
        Assert.Equal("prompt-answer", published.Metadata.Name);
        Assert.Null(published.Metadata.OwnerReferences);
        Assert.Equal("llm-operator", published.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("1", published.Metadata.Annotations[WellKnownLabels.PromptVersion]);
        Assert.Equal(status.ContentHash, published.Metadata.Annotations[PromptVersionNames.ContentHashAnnotation]);
        var document = world.Document();
        Assert.Equal("answer", (string?)document["promptName"]);
        Assert.Equal(1, (int?)document["version"]);
        Assert.Equal(status.ContentHash, (string?)document["contentHash"]);
        Assert.Equal("{{ question }}", (string?)document["messages"]![1]!["content"]);
        Assert.Equal("user", (string?)document["messages"]![1]!["role"]);
        Assert.Equal(0.2, (double?)document["parameters"]!["temperature"]);
        Assert.Equal("question", (string?)document["variables"]![0]!["name"]);
        Assert.Equal("""{"name":"chat","endpoint":"http://chat.support.svc/v1","servedModel":"chat"}""", document["model"]!.ToJsonString());
        Assert.Contains("\"You answer the user's <support> questions.\"", published.Data[PromptVersionNames.DocumentKey], StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_version_is_paired_against_the_active_one_and_replaces_it_in_one_pinned_update()
    {
        var world = WithActiveV1();
        var activatedV1 = world.Status(V1).ActivatedAt;
        var published = world.Published!.Metadata.ResourceVersion;
        world.Commit(PromptWorld.Spec(2, "Please answer: {{ question }}", "quality"));

        world.Settle();
        var run = Assert.Single(world.RunsOf(V2));
        Assert.Equal("answer-v2-quality-vs1", run.Metadata.Name);
        Assert.Equal(2, run.Spec.Candidate.PromptVersion);
        Assert.Equal(1, run.Spec.Baseline!.PromptVersion);
        Assert.Equal(run.Spec.Candidate.Url, run.Spec.Baseline.Url);
        Assert.Equal(PromptPhase.Active, world.Status(V1).Phase);
        Assert.Equal("EvaluationRunning", Reason(world.Status(V2)));
        Assert.Contains("against version 1", world.Status(V2).Message, StringComparison.Ordinal);
        Assert.Equal(published, world.Published.Metadata.ResourceVersion);

        world.FinishRuns(V2, EvaluationPhase.Passed);
        var plan = world.Reconcile();

        Assert.Equal(published, plan.Publication!.ResourceVersion);
        Assert.Equal(V2, plan.Publication.Version);
        Assert.Equal("it held version 1", plan.Publication.Why);
        world.Settle();
        Assert.Equal(PromptPhase.Active, world.Status(V2).Phase);
        Assert.Equal(PromptPhase.Superseded, world.Status(V1).Phase);
        Assert.Equal("Version 2 replaced it.", world.Status(V1).Message);
        Assert.Equal(activatedV1, world.Status(V1).ActivatedAt);
        Assert.Equal(("Superseded", ConditionStatus.False), Condition(world.Status(V1), ConditionTypes.Ready));
        Assert.Contains("PromptSuperseded", world.EventReasons(V1));
        Assert.Equal("2", world.Published!.Metadata.Annotations[WellKnownLabels.PromptVersion]);
        Assert.Equal("Please answer: {{ question }}", (string?)world.Document()["messages"]![1]!["content"]);
        Assert.Equal(2, world.Publications);
    }

    [Fact]
    public void A_failed_gate_rejects_the_version_with_the_failing_metric_and_the_active_one_keeps_serving()
    {
        var world = WithActiveV2();
        var published = world.Published!.Metadata.ResourceVersion;
        world.Commit(PromptWorld.Spec(3, "Tell me about the product.", "quality"));
        world.Settle();

        world.FinishRuns(V3, EvaluationPhase.Failed, "Failed: the pass rate 0% (90% CI 0%–41%) over 3 cases is below the minimum pass rate 80%.");
        world.Settle();

        var status = world.Status(V3);
        Assert.Equal(PromptPhase.Rejected, status.Phase);
        Assert.Equal(
            "Gate quality failed: the pass rate 0% (90% CI 0%–41%) over 3 cases is below the minimum pass rate 80%. Version 2 keeps serving.",
            status.Message);
        Assert.Equal(("EvaluationFailed", ConditionStatus.True), Condition(status, ConditionTypes.Degraded));
        Assert.Equal(("EvaluationFailed", ConditionStatus.False), Condition(status, ConditionTypes.EvaluationsPassing));
        Assert.Equal(EvaluationPhase.Failed, status.Evaluation!.Phase);
        Assert.Null(status.ActivatedAt);
        var rejected = Assert.Single(world.Events[V3], e => e.Reason == "PromptRejected");
        Assert.True(rejected.IsWarning);
        Assert.Equal(PromptPhase.Active, world.Status(V2).Phase);
        Assert.Equal(published, world.Published!.Metadata.ResourceVersion);
        Assert.Equal(2, world.Publications);
    }

    [Fact]
    public void Deleting_a_rejected_newest_version_changes_nothing()
    {
        var world = WithActiveV2();
        world.Commit(PromptWorld.Spec(3, "Tell me about the product.", "quality"));
        world.Settle();
        world.FinishRuns(V3, EvaluationPhase.Failed, "Failed: bad.");
        world.Settle();
        var before = k8s.KubernetesJson.Serialize(new[] { world.Status(V1), world.Status(V2) });
        var runs = world.AllRuns.Count();

        world.Delete(V3);
        world.Settle();

        Assert.Equal(before, k8s.KubernetesJson.Serialize(new[] { world.Status(V1), world.Status(V2) }));
        Assert.Equal(runs - 1, world.AllRuns.Count());
        Assert.Equal(2, world.Publications);
    }

    [Fact]
    public void Deleting_the_active_version_reactivates_the_newest_one_that_served_before_without_a_run()
    {
        var world = WithActiveV2();
        world.Commit(PromptWorld.Spec(3, "Tell me about the product.", "quality"));
        world.Settle();
        world.FinishRuns(V3, EvaluationPhase.Failed, "Failed: bad.");
        world.Settle();
        var runsOfV1 = world.RunsOf(V1).Select(r => r.Metadata.Name).ToList();
        world.Now += TimeSpan.FromMinutes(5);

        world.Delete(V2);
        var plan = world.Settle();

        var status = world.Status(V1);
        Assert.Equal(PromptPhase.Active, status.Phase);
        Assert.Equal("Reactivated", Reason(status));
        Assert.Equal(world.Now.UtcDateTime, status.ActivatedAt);
        Assert.Equal(("Reactivated", ConditionStatus.True), Condition(status, ConditionTypes.Ready));
        Assert.Equal(EvaluationPhase.Passed, status.Evaluation!.Phase);
        Assert.Equal(runsOfV1, world.RunsOf(V1).Select(r => r.Metadata.Name));
        Assert.Empty(plan.Versions[V1].RunsToCreate);
        Assert.Contains("PromptReactivated", world.EventReasons(V1));
        Assert.Equal(PromptPhase.Rejected, world.Status(V3).Phase);
        Assert.Equal("1", world.Published!.Metadata.Annotations[WellKnownLabels.PromptVersion]);
        Assert.Equal(3, world.Publications);
    }

    [Fact]
    public void A_git_revert_to_a_version_that_served_before_makes_it_active_again_at_once()
    {
        var world = WithActiveV2();

        world.Delete(V2);
        world.Settle();

        Assert.Equal(PromptPhase.Active, world.Status(V1).Phase);
        Assert.Single(world.RunsOf(V1));
        Assert.Equal("1", world.Published!.Metadata.Annotations[WellKnownLabels.PromptVersion]);
    }

    [Fact]
    public void A_version_with_no_gates_is_promoted_at_once_and_says_so()
    {
        var world = WithActiveV1();
        world.Commit(PromptWorld.Spec(2, "Please answer: {{ question }}"));

        world.Settle();

        var status = world.Status(V2);
        Assert.Equal(PromptPhase.Active, status.Phase);
        Assert.Equal("PromotedWithoutGates", Reason(status));
        Assert.Equal(("PromotedWithoutGates", ConditionStatus.True), Condition(status, ConditionTypes.Ready));
        Assert.Equal(("NoGates", ConditionStatus.True), Condition(status, ConditionTypes.EvaluationsPassing));
        Assert.Empty(world.RunsOf(V2));
        Assert.Equal(PromptPhase.Superseded, world.Status(V1).Phase);
        Assert.Equal("2", world.Published!.Metadata.Annotations[WellKnownLabels.PromptVersion]);
    }

    [Fact]
    public void An_inconclusive_gate_leaves_the_version_evaluating_and_an_error_counts_only_after_its_last_attempt()
    {
        var world = WithActiveV1();
        world.Commit(PromptWorld.Spec(2, "Please answer: {{ question }}", "quality"));
        world.Settle();

        world.FinishRuns(V2, EvaluationPhase.Error, "Error: the endpoint timed out.", attempts: 1);
        world.Settle();
        Assert.Equal(("EvaluationRunning", PromptPhase.Evaluating), (Condition(world.Status(V2), ConditionTypes.Ready).Reason, world.Status(V2).Phase));

        world.FinishRuns(V2, EvaluationPhase.Error, "Error: the endpoint timed out.", attempts: 3);
        world.Settle();
        var status = world.Status(V2);
        Assert.Equal(PromptPhase.Evaluating, status.Phase);
        Assert.Equal(
            "Gate quality was inconclusive: the endpoint timed out. Version 1 keeps serving. " +
                "This version stays Evaluating until a newer version is committed or it is deleted.",
            status.Message);
        Assert.Equal(("EvaluationInconclusive", ConditionStatus.Unknown), Condition(status, ConditionTypes.EvaluationsPassing));
        Assert.Equal(("NotDegraded", ConditionStatus.False), Condition(status, ConditionTypes.Degraded));
        Assert.Single(world.Events[V2], e => e.Reason == "EvaluationInconclusive" && e.IsWarning);
        Assert.Equal(PromptPhase.Active, world.Status(V1).Phase);
        Assert.Single(world.RunsOf(V2));
    }

    [Fact]
    public void A_newer_commit_skips_a_version_under_evaluation_and_deleting_it_resumes_that_evaluation()
    {
        var world = WithActiveV1();
        world.Commit(PromptWorld.Spec(2, "Please answer: {{ question }}", "quality"));
        world.Settle();
        world.Commit(PromptWorld.Spec(3, "Answer briefly: {{ question }}", "quality"));

        world.Settle();

        Assert.Equal(PromptPhase.Superseded, world.Status(V2).Phase);
        Assert.Equal("Version 3 is newer, so this version was not promoted.", world.Status(V2).Message);
        Assert.Equal(PromptPhase.Evaluating, world.Status(V3).Phase);
        Assert.Equal(PromptPhase.Active, world.Status(V1).Phase);

        // The skipped version's run finishes; it does not matter while v3 is desired.
        world.FinishRuns(V2, EvaluationPhase.Passed);
        world.Settle();
        Assert.Equal(PromptPhase.Superseded, world.Status(V2).Phase);

        world.Delete(V3);
        world.Settle();
        Assert.Equal(PromptPhase.Active, world.Status(V2).Phase);
        Assert.Single(world.RunsOf(V2));
    }

    [Fact]
    public void A_run_against_a_version_that_no_longer_serves_is_replaced_by_one_against_what_serves()
    {
        var world = WithActiveV2();
        world.Commit(PromptWorld.Spec(3, "Answer briefly: {{ question }}", "quality"));
        world.Settle();
        Assert.Equal(["answer-v3-quality-vs2"], world.RunsOf(V3).Select(r => r.Metadata.Name));

        world.Delete(V2);
        world.Settle();

        Assert.Equal(PromptPhase.Active, world.Status(V1).Phase);
        var run = Assert.Single(world.RunsOf(V3));
        Assert.Equal("answer-v3-quality-vs1", run.Metadata.Name);
        Assert.Equal(1, run.Spec.Baseline!.PromptVersion);
    }

    [Fact]
    public void Of_two_objects_with_one_version_the_later_is_rejected_until_the_first_is_deleted()
    {
        var world = WithActiveV1();
        world.Commit(PromptWorld.Spec(2, "Please answer: {{ question }}", "quality"), name: "answer-two");
        world.Commit(PromptWorld.Spec(2, "Other: {{ question }}", "quality"), name: "answer-again");

        world.Settle();

        var duplicate = world.Status("answer-again");
        Assert.Equal(PromptPhase.Rejected, duplicate.Phase);
        Assert.Equal(
            "PromptVersion answer-two is already version 2 of prompt answer and was created first, " +
                "so this one is ignored; commit the change as a new version.",
            duplicate.Message);
        Assert.Equal(("DuplicateVersion", ConditionStatus.True), Condition(duplicate, ConditionTypes.Degraded));
        Assert.Single(world.Events["answer-again"], e => e.Reason == "DuplicateVersion" && e.IsWarning);
        Assert.Empty(world.RunsOf("answer-again"));
        Assert.Equal(PromptPhase.Evaluating, world.Status("answer-two").Phase);

        world.Delete("answer-two");
        world.Settle();

        Assert.Equal(PromptPhase.Evaluating, world.Status("answer-again").Phase);
        Assert.Equal(["answer-again-quality-vs1"], world.RunsOf("answer-again").Select(r => r.Metadata.Name));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_rejected_before_any_run()
    {
        var world = WithActiveV1();
        world.Commit(PromptWorld.Spec(2, "{% if question %}{{ question }}", "quality"));

        world.Settle();

        var status = world.Status(V2);
        Assert.Equal(PromptPhase.Rejected, status.Phase);
        Assert.StartsWith(
            "Its messages do not parse as Liquid templates: prompt answer v2 message 2 does not parse: ",
            status.Message,
            StringComparison.Ordinal);
        Assert.EndsWith(". Version 1 keeps serving.", status.Message, StringComparison.Ordinal);
        Assert.Equal(("InvalidTemplate", ConditionStatus.True), Condition(status, ConditionTypes.Degraded));
        Assert.Empty(world.RunsOf(V2));

        // Final: a newer version and its removal do not make it a candidate again.
        world.Commit(PromptWorld.Spec(3, "Answer: {{ question }}"));
        world.Settle();
        world.Delete(V3);
        world.Settle();
        Assert.Equal(PromptPhase.Rejected, world.Status(V2).Phase);
        Assert.Equal(PromptPhase.Active, world.Status(V1).Phase);
    }

    [Fact]
    public void A_dataset_that_does_not_give_a_required_variable_blocks_the_version_until_the_gate_is_fixed()
    {
        var world = WithActiveV1();
        var spec = PromptWorld.Spec(2, "{{ question }} (about {{ product }})", "quality");
        spec.Variables!.Add(new PromptVariable { Name = "product" });
        world.Commit(spec);

        world.Settle();
        world.Settle();

        var status = world.Status(V2);
        Assert.Equal(PromptPhase.Pending, status.Phase);
        Assert.Equal("3 of 3 cases of gate quality lack the required variable product (the first, case \"q1\").", status.Message);
        Assert.Equal(("MissingVariables", ConditionStatus.True), Condition(status, ConditionTypes.Degraded));
        Assert.Single(world.Events[V2], e => e.Reason == "MissingVariables");
        Assert.Empty(world.RunsOf(V2));

        foreach (var evaluationCase in world.Gates["quality"].Spec.Dataset!.Cases!)
        {
            evaluationCase.Vars!["product"] = "billing";
        }

        world.Settle();
        Assert.Equal(PromptPhase.Evaluating, world.Status(V2).Phase);
        Assert.Single(world.RunsOf(V2));
    }

    [Fact]
    public void A_variable_the_template_uses_but_does_not_declare_is_reported_with_the_case()
    {
        var world = WithActiveV1();
        world.Commit(PromptWorld.Spec(2, "{{ question }} {{ questoin }}", "quality"));

        world.Settle();

        var status = world.Status(V2);
        Assert.Equal(PromptPhase.Pending, status.Phase);
        Assert.Equal("Case \"q1\" of gate quality does not render: prompt answer v2 message 2 does not render: missing variable \"questoin\".", status.Message);
        Assert.Equal("TemplateDoesNotRender", Condition(status, ConditionTypes.Degraded).Reason);
    }

    [Fact]
    public void A_gate_that_renders_nothing_through_the_prompt_or_names_another_prompt_cannot_judge_it()
    {
        var world = new PromptWorld("quality", "other", "echo");
        world.Gates["other"].Spec.PromptRef = new PromptReference { Name = "faq" };
        world.Gates["echo"].Spec.Dataset!.Cases = [new EvaluationCase { Id = "m", Messages = [new PromptMessage { Role = MessageRole.User, Content = "hi" }] }];
        world.Commit(PromptWorld.Spec(1, gates: ["quality", "other"]));
        world.Settle();

        Assert.Equal(
            "Gate other renders its cases through prompt faq, not answer; a gate of this prompt names it in promptRef or names no prompt.",
            world.Status(V1).Message);
        Assert.Equal("GatePromptMismatch", Condition(world.Status(V1), ConditionTypes.Degraded).Reason);
        Assert.Empty(world.RunsOf(V1));

        world.Gates["other"].Spec.PromptRef = null;
        world.Delete(V1);
        world.Commit(PromptWorld.Spec(1, gates: "echo"));
        world.Settle();
        Assert.Equal("GateIgnoresPrompt", Condition(world.Status(V1), ConditionTypes.Degraded).Reason);
    }

    [Fact]
    public void A_missing_model_or_gate_blocks_with_one_event_and_a_model_without_a_stable_revision_waits()
    {
        var world = new PromptWorld("quality");
        world.Models.Clear();
        world.Commit(PromptWorld.Spec(1, gates: "quality"));

        world.Settle();
        world.Reconcile();

        var status = world.Status(V1);
        Assert.Equal(PromptPhase.Pending, status.Phase);
        Assert.Equal("ModelNotFound", Reason(status));
        Assert.Contains("ModelDeployment chat", status.Message, StringComparison.Ordinal);
        Assert.Equal(("ModelNotFound", ConditionStatus.True), Condition(status, ConditionTypes.Degraded));
        Assert.Single(world.Events[V1], e => e.Reason == "ModelNotFound" && e.IsWarning);

        world.Models["chat"] = PromptWorld.Model("chat", stableRevision: null);
        world.Settle();
        Assert.Equal("ModelNotReady", Reason(world.Status(V1)));
        Assert.Equal(
            ("ModelNotReady", ConditionStatus.False),
            (Condition(world.Status(V1), ConditionTypes.Ready).Reason, Condition(world.Status(V1), ConditionTypes.Degraded).Status));

        world.Models["chat"] = PromptWorld.Model("chat", stableRevision: "abc123");
        world.Gates.Clear();
        world.Settle();
        Assert.Equal("GateNotFound", Reason(world.Status(V1)));
        Assert.Contains("EvaluationGate quality", world.Status(V1).Message, StringComparison.Ordinal);
        Assert.Single(world.Events[V1], e => e.Reason == "GateNotFound");

        world.Gates["quality"] = PromptWorld.Gate("quality");
        world.Settle();
        Assert.Equal(PromptPhase.Evaluating, world.Status(V1).Phase);
        Assert.Equal(("NotDegraded", ConditionStatus.False), Condition(world.Status(V1), ConditionTypes.Degraded));
    }

    [Fact]
    public void The_configmap_is_written_again_when_it_is_deleted_or_the_model_moves_but_kept_when_the_model_is_gone()
    {
        var world = WithActiveV1();
        Assert.Null(world.Settle().Publication);

        world.Published = null;
        Assert.Equal("it did not exist", world.Reconcile().Publication!.Why);

        world.Models["chat"].Status!.ServedModel = "chat-large";
        Assert.Equal("its content or model endpoint differed", world.Reconcile().Publication!.Why);
        Assert.Equal("chat-large", (string?)world.Document()["model"]!["servedModel"]);

        world.Models.Clear();
        Assert.Null(world.Reconcile().Publication);
        Assert.Equal("chat-large", (string?)world.Document()["model"]!["servedModel"]);
        Assert.Equal(PromptPhase.Active, world.Status(V1).Phase);
    }

    [Fact]
    public void When_two_versions_say_active_the_one_activated_last_serves_and_the_other_is_superseded()
    {
        var world = WithActiveV2();
        // A reconcile of v1 that had not seen v2's promotion yet would leave v1 Active for a moment.
        world.Status(V1).Phase = PromptPhase.Active;
        world.Status(V1).ActivatedAt = world.Status(V2).ActivatedAt!.Value.AddMinutes(-1);

        Assert.Equal(2, ActivePromptVersions.ByPrompt(world.Versions)["answer"]);
        world.Settle();

        Assert.Equal(PromptPhase.Superseded, world.Status(V1).Phase);
        Assert.Equal(PromptPhase.Active, world.Status(V2).Phase);
    }

    [Fact]
    public void Nothing_is_written_when_nothing_changed()
    {
        var world = WithActiveV2();
        var statuses = k8s.KubernetesJson.Serialize(world.Versions.Select(v => v.Status));
        world.Now += TimeSpan.FromHours(1);

        var plan = world.Reconcile();

        Assert.Equal(statuses, k8s.KubernetesJson.Serialize(plan.Versions.Values.Select(v => v.Status)));
        Assert.Null(plan.Publication);
        Assert.All(plan.Versions.Values, v => Assert.Empty(v.Events));
    }

    [Fact]
    public void The_content_hash_ignores_how_the_yaml_was_written_and_follows_what_is_sent()
    {
        var spec = PromptWorld.Spec(1);
        var same = PromptWorld.Spec(7, gates: "other");
        same.Parameters!.Stop = [];
        same.CommitMessage = "Only the content counts.";
        var other = PromptWorld.Spec(1);
        other.Parameters!.Temperature = 0.3;

        Assert.Equal(PromptContentHash.Of(spec), PromptContentHash.Of(same));
        Assert.NotEqual(PromptContentHash.Of(spec), PromptContentHash.Of(other));
        Assert.Matches("^[0-9a-f]{64}$", PromptContentHash.Of(spec));
    }

    private static (string Reason, ConditionStatus Status) Condition(PromptVersionStatus status, string type)
    {
        var condition = Conditions.Find(status.Conditions, type)!;
        return (condition.Reason, condition.Status);
    }
}
