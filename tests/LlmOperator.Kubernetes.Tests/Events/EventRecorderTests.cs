using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using LlmOperator.Kubernetes.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOperator.Kubernetes.Tests.Events;

public class EventRecorderTests(WidgetSandboxFixture sandbox) : IClassFixture<WidgetSandboxFixture>
{
    [Fact]
    public async Task Repeats_become_one_event_with_a_count_and_new_messages_their_own()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var widget = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default);
        var recorder = new EventRecorder(new ResourceClient<Corev1Event>(sandbox.Client), TimeProvider.System, NullLogger<EventRecorder>.Instance);

        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(widget, EventTypes.Warning, "EvaluationFailed", "pass rate 0.61 < 0.80", default);
        }

        await recorder.RecordAsync(widget, EventTypes.Normal, "Promoted", "canary promoted", default);

        var events = (await sandbox.Client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        Assert.Equal(2, events.Count);
        var failed = Assert.Single(events, e => e.Reason == "EvaluationFailed");
        Assert.Equal(3, failed.Count);
        Assert.Equal(
            ("Warning", "Widget", "w", widget.Metadata.Uid),
            (failed.Type, failed.InvolvedObject.Kind, failed.InvolvedObject.Name, failed.InvolvedObject.Uid));
        Assert.Equal("test.llmoperator.io/v1", failed.InvolvedObject.ApiVersion);
        Assert.Equal(1, Assert.Single(events, e => e.Reason == "Promoted").Count);
    }

    [Fact]
    public async Task An_event_deleted_meanwhile_starts_a_new_series_and_failures_never_reach_the_caller()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var widget = await sandbox.Widgets.CreateAsync(Widget.Create(ns, "w"), default);
        var recorder = new EventRecorder(new ResourceClient<Corev1Event>(sandbox.Client), TimeProvider.System, NullLogger<EventRecorder>.Instance);
        await recorder.RecordAsync(widget, EventTypes.Normal, "Seen", "once", default);
        var first = Assert.Single((await sandbox.Client.CoreV1.ListNamespacedEventAsync(ns)).Items);
        await sandbox.Client.CoreV1.DeleteNamespacedEventAsync(first.Metadata.Name, ns);

        await recorder.RecordAsync(widget, EventTypes.Normal, "Seen", "once", default);
        sandbox.Server.Faults.FailNext(1, 500, "PATCH", "/events/");
        await recorder.RecordAsync(widget, EventTypes.Normal, "Seen", "once", default);

        var again = Assert.Single((await sandbox.Client.CoreV1.ListNamespacedEventAsync(ns)).Items);
        Assert.NotEqual(first.Metadata.Name, again.Metadata.Name);
        Assert.Equal(1, again.Count);
    }
}
