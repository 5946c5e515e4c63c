using System.Diagnostics.Metrics;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace LlmOperator.Kubernetes.Tests.Telemetry;

public class MetricsScrapeTests
{
    [Fact]
    public void Instruments_are_written_with_the_names_labels_and_buckets_that_opentelemetrys_prometheus_exporter_gave_them()
    {
        var meterName = $"LlmOperator.Tests.{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        var scrape = new MetricsScrape([]);
        using var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.Clear().AddService("llm-operator", serviceInstanceId: "one"))
            .AddMeter(meterName)
            .AddReader(scrape.Reader)
            .Build();
        meter.CreateCounter<long>("llmop.api.requests", "{request}", "Requests.").Add(3, new("verb", "get"), new("k8s.namespace.name", "team-a"));
        meter.CreateUpDownCounter<long>("llmop.workqueue.depth", "{key}", "Keys waiting.").Add(-2, new KeyValuePair<string, object?>("name", "md"));
        var durations = meter.CreateHistogram<double>(
            "llmop.reconcile.duration", "s", "How long.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1] });
        durations.Record(0.05, new KeyValuePair<string, object?>("done", true));
        durations.Record(0.5, new KeyValuePair<string, object?>("done", true));
        durations.Record(7, new KeyValuePair<string, object?>("done", true));

        var text = Scrape(scrape);

        var scope = $"otel_scope_name=\"{meterName}\"";
        Assert.StartsWith(
            "# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info{service_name=\"llm-operator\",service_instance_id=\"one\"",
            text,
            StringComparison.Ordinal);
        Assert.Contains(
            $"# HELP llmop_api_requests_total Requests.\n# TYPE llmop_api_requests_total counter\n"
            + $"llmop_api_requests_total{{{scope},k8s_namespace_name=\"team-a\",verb=\"get\"}} 3\n",
            text, StringComparison.Ordinal);
        Assert.Contains($"# TYPE llmop_workqueue_depth gauge\nllmop_workqueue_depth{{{scope},name=\"md\"}} -2\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "# TYPE llmop_reconcile_duration_seconds histogram\n"
            + $"llmop_reconcile_duration_seconds_bucket{{{scope},done=\"true\",le=\"0.01\"}} 0\n"
            + $"llmop_reconcile_duration_seconds_bucket{{{scope},done=\"true\",le=\"0.1\"}} 1\n"
            + $"llmop_reconcile_duration_seconds_bucket{{{scope},done=\"true\",le=\"1\"}} 2\n"
            + $"llmop_reconcile_duration_seconds_bucket{{{scope},done=\"true\",le=\"+Inf\"}} 3\n"
            + $"llmop_reconcile_duration_seconds_sum{{{scope},done=\"true\"}} 7.55\n"
            + $"llmop_reconcile_duration_seconds_count{{{scope},done=\"true\"}} 3\n",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_object_metrics_follow_the_instruments_and_a_second_scrape_reads_the_totals_so_far()
    {
        var meterName = $"LlmOperator.Tests.{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        var scrape = new MetricsScrape([new OneGauge()]);
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(meterName).AddReader(scrape.Reader).Build();
        var counter = meter.CreateCounter<long>("llmop.watch.restarts", "{restart}", "Restarts.");
        counter.Add(1);

        var first = Scrape(scrape);
        counter.Add(2);
        var second = Scrape(scrape);

        Assert.Contains($"llmop_watch_restarts_total{{otel_scope_name=\"{meterName}\"}} 1\n", first, StringComparison.Ordinal);
        Assert.Contains($"llmop_watch_restarts_total{{otel_scope_name=\"{meterName}\"}} 3\n", second, StringComparison.Ordinal);
        Assert.EndsWith("# TYPE llmop_test_objects gauge\nllmop_test_objects 4\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_scrapes_the_instruments_of_its_own_meters_and_not_those_of_another_host_in_the_process()
    {
        var other = await StartTelemetryHostAsync();
        using var host = await StartTelemetryHostAsync();
        other.Services.GetRequiredService<OperatorMetrics>().WatchRestarts.Add(5);
        host.Services.GetRequiredService<OperatorMetrics>().WatchRestarts.Add(2);

        var together = Scrape(host.Services.GetRequiredService<MetricsScrape>());
        await other.StopAsync();
        other.Dispose();
        host.Services.GetRequiredService<OperatorMetrics>().WatchRestarts.Add(1);
        var alone = Scrape(host.Services.GetRequiredService<MetricsScrape>());

        var restarts = $"llmop_watch_restarts_total{{otel_scope_name=\"{OperatorMetrics.MeterName}\"}}";
        Assert.Contains($"{restarts} 2\n", together, StringComparison.Ordinal);
        Assert.Contains($"{restarts} 3\n", alone, StringComparison.Ordinal);
        await host.StopAsync();
    }

    private static async Task<IHost> StartTelemetryHostAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddOperatorTelemetry(builder.Configuration).AddSingleton<OperatorMetrics>();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Theory]
    [InlineData("llmop.api.requests", "{request}", true, "llmop_api_requests_total")]
    [InlineData("llmop.reconcile.duration", "s", false, "llmop_reconcile_duration_seconds")]
    [InlineData("llmop.evaluation.run.duration", "s", false, "llmop_evaluation_run_duration_seconds")]
    [InlineData("llmop.workqueue.depth", "{key}", false, "llmop_workqueue_depth")]
    [InlineData("sent", "By", true, "sent_bytes_total")]
    [InlineData("rate", "By/s", false, "rate_bytes_per_second")]
    [InlineData("llmop.pass_rate", "1", false, "llmop_pass_rate")]
    [InlineData("http.requests_total", "{request}", true, "http_requests_total")]
    [InlineData("db.io_bytes_total", "By", true, "db_io_bytes_total")]
    [InlineData("2xx..answers", null, false, "_2xx_answers")]
    public void Instrument_names_become_prometheus_names(string name, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNames.Metric(name, unit, counter));

    private static string Scrape(MetricsScrape scrape)
    {
        using var text = new StringWriter();
        scrape.WriteTo(text);
        return text.ToString();
    }

    private sealed class OneGauge : IObjectMetrics
    {
        public void WriteTo(PrometheusTextWriter writer) => writer.Gauge("llmop_test_objects", "Objects.").Sample(4);
    }
}
