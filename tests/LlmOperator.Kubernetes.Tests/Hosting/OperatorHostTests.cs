using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using LlmOperator.Kubernetes.Telemetry;
using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace LlmOperator.Kubernetes.Tests.Hosting;

public class OperatorHostTests(WidgetSandboxFixture sandbox) : IClassFixture<WidgetSandboxFixture>
{
    [Fact]
    public async Task Healthz_and_readyz_answer_once_the_informers_have_synced()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await TestOperator.StartAsync(sandbox, ns, o => o.AddController<Widget, StatusWritingReconciler>(),
            services: s => s.AddSingleton(new ReconcileLog()).AddSingleton(new ReplicaName("only")));
        using var http = new HttpClient { BaseAddress = op.HealthAddress };

        Assert.True(await Eventually.Async(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.True(op.State.InformersSynced);
    }

    [Fact]
    public async Task Metrics_are_served_for_prometheus_on_the_health_port()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await TestOperator.StartAsync(sandbox, ns, o => o.AddController<Widget, StatusWritingReconciler>(),
            services: s => s.AddSingleton(new ReconcileLog()).AddSingleton(new ReplicaName("only")));
        using var http = new HttpClient { BaseAddress = op.HealthAddress };
        var text = "";
        var created = 0;

        // New objects keep the queue busy until a scrape shows their reconciles.
        Assert.True(await Eventually.Async(async () =>
        {
            await sandbox.Widgets.CreateAsync(Widget.Create(ns, $"scraped-{created++}"), default);
            using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            text = await response.Content.ReadAsStringAsync();
            // Not the work-queue depth: a key handed straight to an idle worker never counts in it (WorkQueueTests).
            return response.StatusCode == HttpStatusCode.OK && text.Contains("llmop_reconcile_results_total{", StringComparison.Ordinal);
        }), text);
        Assert.Contains("# TYPE llmop_reconcile_duration_seconds histogram", text, StringComparison.Ordinal);
        // Buckets in seconds, not the SDK's default ones for milliseconds (0, 5, 10, ...).
        Assert.Matches("llmop_reconcile_duration_seconds_bucket\\{[^}]*le=\"0.005\"\\} ", text);
        Assert.DoesNotMatch("llmop_reconcile_duration_seconds_bucket\\{[^}]*le=\"7500\"", text);
    }

    [Fact]
    public async Task Object_metrics_follow_the_opentelemetry_metrics_in_the_text_format_that_a_real_prometheus_reads()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var op = await TestOperator.StartAsync(sandbox, ns, o => o.AddController<Widget, StatusWritingReconciler>(),
            services: s => s.AddSingleton(new ReconcileLog()).AddSingleton(new ReplicaName("only")).AddSingleton<IObjectMetrics>(new WidgetMetrics()));
        using var http = new HttpClient { BaseAddress = op.HealthAddress };

        // What Prometheus 2.42 sends: OpenMetrics preferred, gzip accepted. The answer is plain text, so that the object metrics can follow.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.TryAddWithoutValidation(
            "Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("# TYPE llmop_api_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", text, StringComparison.Ordinal);
        Assert.EndsWith("llmop_test_widget_state{widget=\"say \\\"hi\\\"\"} 2.5\n", text, StringComparison.Ordinal);

        await using var prometheus = await PrometheusServer.StartAsync(targets => $"""
              - job_name: operator
                file_sd_configs:
                  - files: [{targets}]
            """);
        prometheus.WriteTargets(PrometheusServer.Targets([(op.HealthAddress.Authority, new Dictionary<string, string>())]));
        var within = TimeSpan.FromSeconds(60);
        Assert.True(await prometheus.HasSeriesAsync("llmop_test_widget_state{widget=\"a\"} == 1", within), "Prometheus has the first gauge");
        Assert.True(await prometheus.HasSeriesAsync("llmop_test_widget_state{widget=\"say \\\"hi\\\"\"} == 2.5", within), "and the escaped one");
        Assert.True(await prometheus.HasSeriesAsync("llmop_api_requests_total > 0", within), "and OpenTelemetry's metrics before them");
    }

    private sealed class WidgetMetrics : IObjectMetrics
    {
        public void WriteTo(PrometheusTextWriter writer)
        {
            var state = writer.Gauge("llmop_test_widget_state", "A gauge of the test's widgets.");
            state.Sample(1, ("widget", "a"));
            state.Sample(2.5, ("widget", "say \"hi\""));
        }
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_from_starting()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var builder = TestOperator.CreateBuilder(sandbox, ns, _ => { }, o => o.WorkersPerController = 0);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestOperator.StartAsync(builder));

        Assert.Contains("WorkersPerController", error.Message, StringComparison.Ordinal);
    }

    // Metrics are read from this host's own meters (MetricCollector follows only the instruments of its
    // IMeterFactory). An OpenTelemetry provider listens by meter name: in a test process it also hears the
    // instruments of every other test host, and under the whole suite it now and then reported none of
    // this host's watch restarts. The OpenTelemetry wiring is tested by the /metrics and OTLP tests.
    [Fact]
    public async Task Reconciles_are_traced_and_measured()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var spans = new List<Activity>();
        var builder = TestOperator.CreateBuilder(sandbox, ns, o => o.AddController<Widget, StatusWritingReconciler>());
        builder.Services.AddSingleton(new ReconcileLog()).AddSingleton(new ReplicaName("only"));
        builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource(OperatorTracing.SourceName).AddInMemoryExporter(spans));
        await using var op = await TestOperator.StartAsync(builder);
        var meters = op.Services.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, OperatorMetrics.MeterName, "llmop.reconcile.duration");
        using var results = new MetricCollector<long>(meters, OperatorMetrics.MeterName, "llmop.reconcile.results");
        using var waits = new MetricCollector<double>(meters, OperatorMetrics.MeterName, "llmop.workqueue.queue_duration");
        using var restarts = new MetricCollector<long>(meters, OperatorMetrics.MeterName, "llmop.watch.restarts");

        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "measured"), default);
        Assert.True(await Eventually.Async(async () =>
            (await sandbox.Widgets.GetAsync(new LlmOperator.Kubernetes.Access.ObjectKey(ns, "measured"), default))?.Status is not null));
        // The reconcile is counted once it returns, just after its status write is seen. Dropped watches
        // are restarted, and counted, once the informer watches again.
        Assert.True(
            await Eventually.True(() => results.GetMeasurementSnapshot()
                .Any(m => (string?)m.Tags["controller"] == "widget" && (string?)m.Tags["result"] == "done")),
            "no reconcile was counted");
        Assert.True(await Eventually.True(() =>
        {
            sandbox.Server.Faults.DropWatches();
            return restarts.GetMeasurementSnapshot().Any(m => (string?)m.Tags["reason"] == "closed" && (string?)m.Tags["kind"] == "Widget");
        }), "no watch restart was counted");

        Assert.Contains(durations.GetMeasurementSnapshot(), m => m.Value > 0);
        Assert.NotEmpty(waits.GetMeasurementSnapshot());
        op.Services.GetRequiredService<TracerProvider>().ForceFlush();
        // The exporter goes on adding spans of later reconciles while the operator runs: read a copy (ToArray does not enumerate).
        var exported = spans.ToArray().OfType<Activity>().ToList();
        var span = Assert.Single(exported, s => s.DisplayName == "reconcile Widget" && (string?)s.GetTagItem("llmop.object.name") == "measured");
        Assert.Equal("done", span.GetTagItem("llmop.reconcile.result"));
        Assert.Equal(OperatorTracing.SourceName, span.Source.Name);
    }
}
