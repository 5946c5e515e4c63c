using System.Diagnostics;
using LlmOperator.Evaluation.Telemetry;
using LlmOperator.Evaluation.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LlmOperator.Evaluation.Tests.Telemetry;

public class TelemetryTests
{
    [Fact]
    public async Task A_run_emits_run_case_and_GenAI_model_call_spans_and_metrics()
    {
        var model = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(EvaluationTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EvaluationTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var scenario = new Scenario(3, "  thresholds:\n    minPassRate: 0.1\n");
        await using var server = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Model = model; });

        await scenario.RunAsync(server.Url);
        tracing.ForceFlush();
        meters.ForceFlush();

        var run = spans.Single(s => s.DisplayName == "evaluation.run run-1" && (string?)s.GetTagItem("gen_ai.request.model") == model);
        var mine = spans.Where(s => s.TraceId == run.TraceId).ToList();
        var cases = mine.Where(s => s.DisplayName.StartsWith("evaluation.case ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, cases.Count);
        Assert.All(cases, c => Assert.Equal("passed", c.GetTagItem("llmop.evaluation.outcome")));
        var calls = mine.Where(s => s.DisplayName == $"chat {model}").ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal(ActivityKind.Client, call.Kind);
            Assert.Equal("chat", call.GetTagItem("gen_ai.operation.name"));
            Assert.Equal(model, call.GetTagItem("gen_ai.request.model"));
            Assert.Equal(model, call.GetTagItem("gen_ai.response.model"));
            Assert.Equal("127.0.0.1", call.GetTagItem("server.address"));
            Assert.True((long)call.GetTagItem("gen_ai.usage.input_tokens")! > 0);
            Assert.True((long)call.GetTagItem("gen_ai.usage.output_tokens")! > 0);
            Assert.Contains(cases, c => c.SpanId == call.ParentSpanId);
        });

        Assert.Equal(3, Points(metrics, "gen_ai.client.operation.duration", model).Sum(p => p.GetHistogramCount()));
        Assert.Equal(6, Points(metrics, "gen_ai.client.token.usage", model).Sum(p => p.GetHistogramCount()));
        Assert.Contains(metrics, m => m.Name == "llmop.evaluation.case.score");
        Assert.Contains(metrics, m => m.Name == "llmop.evaluation.cases");
    }

    [Fact]
    public async Task Failed_model_calls_count_as_errors_with_their_type()
    {
        var model = "errors-" + Guid.NewGuid().ToString("N")[..8];
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EvaluationTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var scenario = new Scenario(2, "  thresholds:\n    minPassRate: 0.1\n  execution:\n    retries: 0\n");
        await using var server = await MockLlmHost.StartAsync(o => { o.AnswersPath = scenario.AnswersPath; o.Model = model; o.ErrorRate = 1; });

        await scenario.RunAsync(server.Url);
        meters.ForceFlush();

        var errors = Points(metrics, "llmop.evaluation.errors", model).ToList();
        Assert.Equal(2, errors.Sum(p => p.GetSumLong()));
        Assert.All(errors, p => Assert.Contains(Tags(p), t => t.Key == "error.type" && (string?)t.Value == "500"));
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name, string model)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Tags(point).Any(t => t.Key == "gen_ai.request.model" && (string?)t.Value == model))
                {
                    yield return point;
                }
            }
        }
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }
}
