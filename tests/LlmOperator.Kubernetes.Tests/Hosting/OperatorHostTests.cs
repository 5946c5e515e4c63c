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

        // The exporter caches a scrape for a moment: new objects keep the queue busy until a scrape shows
        // their reconciles.
        Assert.True(await Eventually.Async(async () =>
        {
            await sandbox.Widgets.CreateAsync(Widget.Create(ns, $"scraped-{created++}"), default);
            using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            text = await response.Content.ReadAsStringAsync();
            // Not the work-queue depth: a key handed straight to an idle worker never counts in it (WorkQueueTests).
            return response.StatusCode == HttpStatusCode.OK && text.Contains("llmop_reconcile_results_total{", StringComparison.Ordinal);
        }), text);
        Assert.Contains("# TYPE llmop_reconcile_duration_seconds histogram", text, StringComparison.Ordinal);
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
        builder.Services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(spans));
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
