using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Testing;

namespace LlmOperator.Kubernetes.Tests.Informers;

/// <summary>A sandbox that never sends bookmarks, so that a watch with nothing to say is silent.</summary>
public sealed class SilentSandboxFixture : WidgetSandboxFixture
{
    protected override SandboxOptions Options => new() { LlmopCommand = Llmop.Command, BookmarkInterval = TimeSpan.FromHours(1) };
}

public class IdleWatchTests(SilentSandboxFixture sandbox) : IClassFixture<SilentSandboxFixture>
{
    [Fact]
    public async Task A_silent_watch_is_started_again_and_still_delivers_changes()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var options = WidgetSandboxFixture.FastInformers;
        options.IdleTimeout = TimeSpan.FromMilliseconds(300);
        await using var informer = new RunningInformer<Widget>(sandbox.Client, ns, options);
        await informer.SyncedAsync();

        Assert.True(await Eventually.True(() => Watches() >= 3), "the silent watch was not restarted");
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "after"), default);
        await informer.SeesAsync("after", w => w is not null);
        Assert.Equal(1, sandbox.Server.Requests.Snapshot()
            .Count(r => r.Verb == "list" && r.Path.Contains($"/namespaces/{ns}/widgets", StringComparison.Ordinal)));

        int Watches() => sandbox.Server.Requests.Snapshot()
            .Count(r => r.Verb == "watch" && r.Path.Contains($"/namespaces/{ns}/widgets", StringComparison.Ordinal));
    }
}
