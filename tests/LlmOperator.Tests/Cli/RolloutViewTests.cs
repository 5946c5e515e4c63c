using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;

namespace LlmOperator.Tests.Cli;

// The llmop status frame, rendered from full objects: a pure function of the objects and the time.
public class RolloutViewTests
{
    private static readonly DateTime Start = RolloutSamples.Start;
    private static readonly DateTimeOffset Now = new(Start.AddMinutes(10));

    private static ModelDeployment Model(ModelDeploymentStatus status)
    {
        var model = RolloutSamples.Model("team-a");
        model.Metadata.CreationTimestamp = Start.AddDays(-3);
        model.Metadata.Generation = 2;
        status.ObservedGeneration = 2;
        model.Status = status;
        return model;
    }

    [Fact]
    public void A_rollout_paused_on_an_inconclusive_evaluation_shows_every_part()
    {
        var deployments = new[]
        {
            RolloutSamples.Deployment("team-a", "chat", "5c4a", replicas: 3, ready: 3, Start.AddDays(-2)),
            RolloutSamples.Deployment("team-a", "chat", "7d9f", replicas: 1, ready: 1, Start),
        };
        var runs = new[]
        {
            RolloutSamples.Run(
                "team-a", "chat", "chat-5c4a-initial-support-quality", "5c4a", Start.AddDays(-2), EvaluationPhase.Passed, "every threshold is met", 0.95),
            RolloutSamples.Run(
                "team-a",
                "chat",
                "chat-7d9f-1-s1-support-quality",
                "7d9f",
                Start.AddMinutes(1),
                EvaluationPhase.Inconclusive,
                "12 cases are too few for 95% confidence",
                0.875),
        };

        var status = RolloutSamples.PausedOnEvaluation();
        status.Dependents = ["portal", "support-bot"];
        var text = RolloutView.Render(Model(status), deployments, runs, Now);

        const string message = "Step 2 of 5: gate support-quality was inconclusive: 12 cases are too few for 95% confidence. "
            + "llmop promote continues, llmop abort rolls back.";
        Assert.Equal(
            $"""
            Name:           chat
            Namespace:      team-a
            Phase:          Paused
            Message:        {message}
            Stable:         5c4a
            Canary:         7d9f (meta-llama/Llama-3.1-8B-Instruct)
            Served model:   llama-chat
            Endpoint:       http://chat.team-a.svc:8000/v1
            Judged by:      pipelines portal, support-bot
            Step:           2/5
            Set weight:     10
            Canary weight:  10

            Steps:
              done     1.  setWeight: 10
              paused   2.  evaluate: support-quality (inconclusive: pause)
              pending  3.  setWeight: 50
              pending  4.  pause (until llmop promote)
              pending  5.  setCanaryScale: 2 replicas

            Pause conditions:
              InconclusiveEvaluation  for 6m

            Evaluation:   chat-7d9f-1-s1-support-quality
              Phase:      Inconclusive
              Verdict:    12 cases are too few for 95% confidence
              Pass rate:  87.5%
              Scores:     accuracy 0.913, faithfulness 0.880

            History:
              REVISION  RESULT    MODEL                             AGE  MESSAGE
              5c4a      Promoted  meta-llama/Llama-3.1-8B-Instruct  2d   every step passed

            Conditions:
              TYPE       STATUS  REASON                  AGE  MESSAGE
              Available  True    StableReady             2d   3 of 3 replicas ready
              Paused     True    InconclusiveEvaluation  6m   waiting for llmop promote

            NAME                                   KIND             STATUS        AGE  INFO
            chat                                   ModelDeployment  Paused        3d
            |-- chat-7d9f                          Deployment       Ready         10m  revision 7d9f (canary), ready 1/1
            |-- chat-5c4a                          Deployment       Ready         2d   revision 5c4a (stable), ready 3/3
            |-- chat-7d9f-1-s1-support-quality     EvaluationRun    Inconclusive  9m   pass rate 87.5%, 12 cases are too few for 95% confidence
            `-- chat-5c4a-initial-support-quality  EvaluationRun    Passed        2d   pass rate 95%, every threshold is met

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void A_model_serving_its_fallback_says_which_instead_of_what_and_since_when()
    {
        var status = RolloutSamples.Aborted();
        status.ServingFallback = new ServingFallbackStatus
        {
            Name = "chat-snapshot",
            Revision = "0d9e",
            ServedModel = "chat-0806",
            Replacing = "5c4a",
            Since = Start.AddMinutes(4),
        };

        var text = RolloutView.Render(Model(status), [], [], Now);

        Assert.Contains(
            "\nServing fallback:  chat-snapshot (chat-0806, revision 0d9e) instead of drifted revision 5c4a "
                + $"since {Start.AddMinutes(4):yyyy-MM-dd HH:mm} UTC\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_aborted_rollout_marks_its_step_and_keeps_the_weight_its_steps_set()
    {
        var deployments = new[] { RolloutSamples.Deployment("team-a", "chat", "7d9f", replicas: 0, ready: 0, Start) };

        var text = RolloutView.Render(Model(RolloutSamples.Aborted()), deployments, [], Now);

        Assert.Contains("\nPhase:          Degraded\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "\nSet weight:     10\nCanary weight:  0\nAbort:          yes (llmop retry rolls the canary out again)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  aborted  2.  evaluate: support-quality (inconclusive: pause)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  7d9f      Aborted   meta-llama/Llama-3.1-8B-Instruct  4m   gate support-quality failed\n", text, StringComparison.Ordinal);
        Assert.Contains("\n`-- chat-7d9f  Deployment       ScaledDown  10m  revision 7d9f (canary), ready 0/0\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pause conditions:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_healthy_model_deployment_lists_its_steps_without_progress()
    {
        var model = Model(RolloutSamples.Healthy());
        model.Metadata.Generation = 3;

        var text = RolloutView.Render(model, [], [], Now);

        Assert.Contains("\nObserved:       generation 2 of 3: the operator has not acted on the latest spec yet\n", text, StringComparison.Ordinal);
        Assert.Contains("\nCanary:         -\n", text, StringComparison.Ordinal);
        Assert.Contains("\nStep:           -\nSet weight:     -\nCanary weight:  0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nSteps (no rollout in progress):\n  1.  setWeight: 10\n  2.  evaluate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Evaluation:", text, StringComparison.Ordinal);
        Assert.EndsWith("\nNAME  KIND             STATUS   AGE  INFO\nchat  ModelDeployment  Healthy  3d\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_deployment_without_status_or_steps_still_renders()
    {
        var model = RolloutSamples.Model("team-a");
        model.Spec.Rollout = null;

        var text = RolloutView.Render(model, [], [], Now);

        Assert.StartsWith("Name:           chat\nNamespace:      team-a\nPhase:          Unknown\nMessage:        -\n", text, StringComparison.Ordinal);
        Assert.Contains("\nSteps: none (a new revision is promoted as soon as it is ready)\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nchat  ModelDeployment  Unknown  -\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_newest_evaluation_runs_are_listed()
    {
        var runs = Enumerable.Range(0, RolloutView.RunsShown + 3)
            .Select(i => RolloutSamples.Run("team-a", "chat", $"chat-drift-{i:00}", "5c4a", Start.AddMinutes(i), EvaluationPhase.Passed))
            .ToArray();

        var text = RolloutView.Render(Model(RolloutSamples.Healthy()), [], runs, Now.AddHours(1));

        Assert.Contains("|-- chat-drift-12", text, StringComparison.Ordinal);
        Assert.Contains("`-- chat-drift-03", text, StringComparison.Ordinal);
        Assert.DoesNotContain("chat-drift-02", text, StringComparison.Ordinal);
        Assert.EndsWith("\n(3 older EvaluationRuns not shown)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Promote_full_a_retry_in_waiting_and_later_attempts_are_shown()
    {
        var status = RolloutSamples.Aborted();
        status.Abort = false;
        status.Attempt = 2;
        status.PromoteFull = true;

        var text = RolloutView.Render(Model(status), [], [], Now);

        Assert.Contains(
            "\nAttempt:        2\nAbort:          retry requested, the operator has not acted on it yet\n"
            + "Promote full:   yes (the remaining steps are skipped)\n",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Scheduled_verdicts_draw_each_gates_drift_trend_oldest_to_newest_with_the_latest_and_its_interval()
    {
        var status = RolloutSamples.Healthy();
        ScheduledVerdict Verdict(string gate, int hoursAgo, double rate, bool drifted = false) => new()
        {
            Gate = gate,
            Run = $"chat-drift-{gate}-{hoursAgo}",
            Time = Start.AddHours(-hoursAgo),
            Phase = drifted ? EvaluationPhase.Failed : EvaluationPhase.Passed,
            PassRate = rate,
            PassRateLower = rate - 0.1,
            PassRateUpper = rate,
            Drifted = drifted,
        };
        status.ScheduledVerdicts =
            [Verdict("quality", 0, 0.875, drifted: true), Verdict("safety", 0, 1.0), Verdict("quality", 1, 1.0), Verdict("quality", 2, 0.0)];

        var text = RolloutView.Render(Model(status), [], [], Now);

        Assert.Contains(
            """
            Scheduled evaluations (oldest to newest):
              GATE     TREND  LATEST  INTERVAL     AGE  DRIFT
              quality  ▁█!    87.5%   77.5%-87.5%  10m  drifted
              safety   █      100%    90%-100%     10m  none
            """.ReplaceLineEndings("\n"),
            text,
            StringComparison.Ordinal);
    }
}
