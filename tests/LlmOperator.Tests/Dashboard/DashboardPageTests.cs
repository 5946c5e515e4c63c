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
        pipeline.Spec.Pipeline = new PipelineSpec();

        var html = OverviewPage.Render("team-a", [With(RolloutSamples.PausedOnEvaluation()), pipeline], []);

        var chat = Regex.Match(html, "<tr data-name=\"chat\">.*?</tr>").Value;
        Assert.Contains("<span class=\"badge busy\">Paused</span>", chat, StringComparison.Ordinal);
        Assert.Contains("<td>5c4a</td><td>7d9f</td><td class=\"num\">10% (set 10%)</td><td class=\"num\">2/5</td>", chat, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/runs/chat-7d9f-1-s1-support-quality\">chat-7d9f-1-s1-support-quality</a>", chat, StringComparison.Ordinal);
        Assert.Contains(
            "<tr data-name=\"support-bot\"><th scope=\"row\"><a href=\"/rollouts/support-bot\">support-bot</a></th><td>pipeline</td>",
            html,
            StringComparison.Ordinal);
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
