using System.Text.RegularExpressions;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;
using LlmOperator.Dashboard;
using LlmOperator.Tests.Cli;

namespace LlmOperator.Tests.Dashboard;

// The dashboard's pages as the markup the server sends, from objects built in code.
public class DashboardPageTests
{
    private static ModelDeployment With(ModelDeploymentStatus status, string name = "chat")
    {
        var model = RolloutSamples.Model("team-a", name);
        model.Status = status;
        return model;
    }

    [Fact]
    public void The_overview_lists_each_rollout_with_its_phase_revisions_weight_step_and_last_verdict()
    {
        var pipeline = With(RolloutSamples.Healthy(), "support-bot");
        pipeline.Spec.Pipeline = DashboardSamples.Pipeline();

        var html = OverviewPage.Render("team-a", [With(RolloutSamples.PausedOnEvaluation()), pipeline], []);

        var chat = Regex.Match(html, "<tr data-name=\"chat\">.*?</tr>").Value;
        Assert.Contains("<span class=\"badge busy\">Paused</span>", chat, StringComparison.Ordinal);
        Assert.Contains("<td>5c4a</td><td>7d9f</td><td class=\"num\">10% (set 10%)</td><td class=\"num\">2/5</td>", chat, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/runs/chat-7d9f-1-s1-support-quality\">chat-7d9f-1-s1-support-quality</a>", chat, StringComparison.Ordinal);
        Assert.Contains(
            "<tr data-name=\"support-bot\"><th scope=\"row\"><a href=\"/rollouts/support-bot\">support-bot</a></th>"
                + "<td class=\"engine\">pipeline of <a href=\"/rollouts/chat\">chat</a>, <a href=\"/rollouts/router-small\">router-small</a></td>",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_overview_lists_each_prompt_version_with_its_phase_evaluation_and_verdict()
    {
        var rejected = DashboardSamples.Prompt("team-a", 3, PromptPhase.Rejected, "Gate prompt-answers failed: pass rate 40%. Version 2 keeps serving.");
        rejected.Status!.Evaluation = new EvaluationReference { Name = "support-v3-prompt-answers", Phase = EvaluationPhase.Failed, PassRate = 0.4 };

        var html = OverviewPage.Render("team-a", [], [DashboardSamples.Prompt("team-a", 2, PromptPhase.Active), rejected]);

        var row = Regex.Match(html, "<tr data-prompt=\"support-v3\">.*?</tr>").Value;
        Assert.Contains("<td class=\"phase\"><span class=\"badge bad\">Rejected</span></td>", row, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/runs/support-v3-prompt-answers\">support-v3-prompt-answers</a> <span class=\"muted\">40.0%</span>", row,
            StringComparison.Ordinal);
        Assert.Contains("<td class=\"verdict\">Gate prompt-answers failed: pass rate 40%. Version 2 keeps serving.</td>", row, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("data-prompt=\"support-v3\"", StringComparison.Ordinal) < html.IndexOf("data-prompt=\"support-v2\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pipelines_page_lists_its_components_with_the_revisions_and_prompt_versions_they_serve()
    {
        var pipeline = With(RolloutSamples.Healthy(), "support-bot");
        pipeline.Spec.Pipeline = DashboardSamples.Pipeline();
        var chat = With(RolloutSamples.PausedOnEvaluation());

        var html = RolloutPage.Render(
            new RolloutObjects(pipeline, [], []),
            allowActions: false,
            null,
            DateTimeOffset.UnixEpoch,
            ([pipeline, chat], [DashboardSamples.Prompt("team-a", 1, PromptPhase.Active), DashboardSamples.Prompt("team-a", 2, PromptPhase.Evaluating)]));
        var plain = RolloutPage.Render(new RolloutObjects(chat, [], []), allowActions: false, null, DateTimeOffset.UnixEpoch, ([pipeline, chat], []));

        var rows = Regex.Matches(html, "<tr data-component=\"([^\"]+)\">(.*?)</tr>").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(["chat", "router-small", "support"], rows.Keys);
        Assert.Contains("<td>model</td><td class=\"phase\"><span class=\"badge busy\">Paused</span></td><td>5c4a</td><td>7d9f", rows["chat"],
            StringComparison.Ordinal);
        Assert.Contains("<td class=\"phase\">missing</td>", rows["router-small"], StringComparison.Ordinal);
        Assert.Contains("<td>prompt</td>", rows["support"], StringComparison.Ordinal);
        Assert.EndsWith("<td>version 1</td><td>version 2</td>", rows["support"], StringComparison.Ordinal);
        Assert.DoesNotContain("Components", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rollout_page_marks_where_the_rollout_stands_and_offers_actions_only_when_allowed()
    {
        var objects = new RolloutObjects(With(RolloutSamples.PausedOnEvaluation()), [], []);

        var html = RolloutPage.Render(objects, allowActions: false, null, new DateTimeOffset(RolloutSamples.Start.AddMinutes(10)));
        var withActions = RolloutPage.Render(objects, allowActions: true, null, new DateTimeOffset(RolloutSamples.Start.AddMinutes(10)));

        Assert.Contains("<li class=\"done\">1. setWeight: 10 <span class=\"muted\">(done)</span></li>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<li class=\"current\" aria-current=\"step\">2. evaluate: support-quality (inconclusive: pause) <span class=\"muted\">(paused)</span></li>",
            html,
            StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.Contains("<form class=\"actions\" method=\"post\" action=\"/rollouts/chat/promote\">", withActions, StringComparison.Ordinal);
    }

    [Fact]
    public void The_drift_chart_has_one_point_per_scheduled_run_with_the_release_and_the_fallback_marked()
    {
        var html = DriftPage.Render(With(DashboardSamples.Drifting()));

        var points = Regex.Matches(html, "<circle class=\"point( drifted)?\" data-run=\"([^\"]+)\"");
        Assert.Equal(
            ["chat-5c4a-scheduled-1", "chat-5c4a-scheduled-2", "chat-5c4a-scheduled-3", "chat-5c4a-scheduled-4", "chat-5c4a-scheduled-5"],
            points.Select(p => p.Groups[2].Value));
        Assert.Equal(2, points.Count(p => p.Groups[1].Success));
        Assert.Single(Regex.Matches(html, "<line class=\"release\""));
        Assert.Contains("served by fallback hosted-gpt</text>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<p class=\"lead\">Served by fallback hosted-gpt instead of drifted revision 5c4a since 2026-11-26 14:00 UTC.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_from_the_cluster_are_escaped()
    {
        var status = RolloutSamples.PausedOnEvaluation();
        status.Message = "<script>alert(1)</script>";

        var html = RolloutPage.Render(new RolloutObjects(With(status), [], []), false, "<b>x</b>", DateTimeOffset.UnixEpoch);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
    }
}
