using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Kubernetes.Telemetry;
using LlmOperator.Testing;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

public sealed class RolloutMetricsTests
{
    private readonly RolloutMetrics _metrics = new();

    [Fact]
    public void Every_model_of_a_fleet_larger_than_opentelemetrys_limit_has_its_phase_and_only_its_current_one()
    {
        // OpenTelemetry keeps at most 2,000 label sets per instrument; the phases used to be one of them.
        for (var i = 0; i < 2_500; i++)
        {
            _metrics.Observe("fleet", $"model-{i}", new ModelDeploymentStatus { Phase = RolloutPhase.Progressing });
        }

        for (var i = 0; i < 2_500; i += 2)
        {
            _metrics.Observe("fleet", $"model-{i}", new ModelDeploymentStatus { Phase = RolloutPhase.Healthy });
        }

        _metrics.Forget("fleet", "model-1");

        var phases = Samples(Scrape(), "llmop_rollout_phase");
        Assert.Equal(2_499, phases.Count);
        Assert.All(phases, p => Assert.Equal("1", p.Value));
        Assert.Equal(2_499, phases.Select(p => p.Labels["llmop_model"]).Distinct().Count());
        Assert.Equal(1_250, phases.Count(p => p.Labels["phase"] == "Healthy"));
        Assert.Equal(1_249, phases.Count(p => p.Labels["phase"] == "Progressing"));
        Assert.DoesNotContain(phases, p => p.Labels["llmop_model"] == "model-1");
        Assert.All(phases, p => Assert.Equal("fleet", p.Labels["k8s_namespace_name"]));
    }

    [Fact]
    public void Canary_weights_fallbacks_and_pass_rates_follow_the_last_status_of_each_model()
    {
        _metrics.Observe("team-a", "steady", new ModelDeploymentStatus { Phase = RolloutPhase.Healthy, CanaryWeight = 0 });
        _metrics.Observe("team-a", "rolling", new ModelDeploymentStatus
        {
            Phase = RolloutPhase.Progressing,
            CanaryWeight = 25,
            CurrentEvaluation = new EvaluationReference { Name = "rolling-run-1", Gate = "quality", Kind = "canary", PassRate = 0.9 },
        });
        _metrics.Observe("team-a", "drifted", new ModelDeploymentStatus
        {
            Phase = RolloutPhase.Degraded,
            ServingFallback = new ServingFallbackStatus { Name = "hosted-backup" },
            ScheduledVerdicts = [new ScheduledVerdict { Gate = "nightly", Run = "drifted-nightly-7", PassRate = 0.5 }],
        });

        var text = Scrape();

        var weights = Samples(text, "llmop_rollout_canary_weight_percent").ToDictionary(w => w.Labels["llmop_model"], w => w.Value);
        Assert.Equal(new Dictionary<string, string> { ["steady"] = "0", ["rolling"] = "25", ["drifted"] = "0" }, weights);
        var fallbacks = Samples(text, "llmop_rollout_serving_fallback").ToDictionary(f => f.Labels["llmop_model"], f => (f.Labels["llmop_fallback"], f.Value));
        Assert.Equal(
            new Dictionary<string, (string, string)> { ["steady"] = ("", "0"), ["rolling"] = ("", "0"), ["drifted"] = ("hosted-backup", "1") },
            fallbacks);
        var rates = Samples(text, "llmop_evaluation_pass_rate").ToDictionary(r => r.Labels["llmop_model"]);
        Assert.Equal(2, rates.Count);
        Assert.Equal(("rolling-run-1", "quality", "canary", "0.9"), Rate(rates["rolling"]));
        Assert.Equal(("drifted-nightly-7", "nightly", "drift", "0.5"), Rate(rates["drifted"]));

        // Promoted, and back from the fallback: the next scrape says so, and the finished runs' rates are gone.
        _metrics.Observe("team-a", "rolling", new ModelDeploymentStatus { Phase = RolloutPhase.Healthy });
        _metrics.Observe("team-a", "drifted", new ModelDeploymentStatus { Phase = RolloutPhase.Healthy });
        text = Scrape();
        Assert.All(Samples(text, "llmop_rollout_canary_weight_percent"), w => Assert.Equal("0", w.Value));
        Assert.All(Samples(text, "llmop_rollout_serving_fallback"), f => Assert.Equal(("", "0"), (f.Labels["llmop_fallback"], f.Value)));
        Assert.Empty(Samples(text, "llmop_evaluation_pass_rate"));
        Assert.Contains("# TYPE llmop_evaluation_pass_rate gauge\n", text, StringComparison.Ordinal);

        static (string, string, string, string) Rate(PrometheusSample s) =>
            (s.Labels["llmop_evaluation_run"], s.Labels["llmop_evaluation_gate"], s.Labels["llmop_evaluation_kind"], s.Value);
    }

    [Fact]
    public void Decisions_are_counted_per_model_and_reason_for_every_model_and_go_with_it()
    {
        for (var i = 0; i < 2_500; i++)
        {
            _metrics.Decision("fleet", $"model-{i}", "RolloutStarted");
            _metrics.Decision("fleet", $"model-{i}", "RolloutPromoted");
        }

        _metrics.Decision("fleet", "model-7", "RolloutStarted");
        _metrics.Decision("fleet", "model-7", "RolloutAborted");
        _metrics.Forget("fleet", "model-8");

        var text = Scrape();
        var decisions = Samples(text, "llmop_rollout_decisions_total");
        Assert.Contains("# TYPE llmop_rollout_decisions_total counter\n", text, StringComparison.Ordinal);
        Assert.Equal(2 * 2_499 + 1, decisions.Count);
        Assert.DoesNotContain(decisions, d => d.Labels["llmop_model"] == "model-8");
        var seventh = decisions.Where(d => d.Labels["llmop_model"] == "model-7").ToDictionary(d => d.Labels["reason"], d => d.Value);
        Assert.Equal(new Dictionary<string, string> { ["RolloutStarted"] = "2", ["RolloutPromoted"] = "1", ["RolloutAborted"] = "1" }, seventh);
        Assert.All(decisions.Where(d => d.Labels["llmop_model"] != "model-7"), d => Assert.Equal("1", d.Value));
    }

    private string Scrape()
    {
        using var text = new StringWriter { NewLine = "\n" };
        ((IObjectMetrics)_metrics).WriteTo(new PrometheusTextWriter(text));
        return text.ToString();
    }

    private static IReadOnlyList<PrometheusSample> Samples(string text, string name) => PrometheusSample.Parse(text, name);
}
