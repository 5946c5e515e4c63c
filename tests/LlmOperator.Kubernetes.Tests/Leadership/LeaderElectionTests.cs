using k8s;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using LlmOperator.Kubernetes.Tests.Fixtures;
using LlmOperator.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Kubernetes.Tests.Leadership;

public class LeaderElectionTests(WidgetSandboxFixture sandbox) : IClassFixture<WidgetSandboxFixture>
{
    [Fact]
    public async Task Only_the_leader_reconciles_and_a_standby_takes_over_when_the_leader_stops()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var first = await StartAsync(ns, "first");
        Assert.True(await Eventually.True(() => first.State.IsLeading));
        await using var second = await StartAsync(ns, "second");
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "one"), default);
        await NoteAsync(ns, "one", "first");
        Assert.False(second.State.IsLeading);

        await first.DisposeAsync();

        Assert.True(await Eventually.True(() => second.State.IsLeading), "the standby did not take over");
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "two"), default);
        await NoteAsync(ns, "two", "second");
        var lease = await sandbox.Client.CoordinationV1.ReadNamespacedLeaseAsync("llm-operator-leader", ns);
        Assert.StartsWith("second", lease.Spec.HolderIdentity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leader_that_dies_without_releasing_is_replaced_once_its_lease_expires()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var first = await StartAsync(ns, "first", release: false);
        Assert.True(await Eventually.True(() => first.State.IsLeading));
        await using var second = await StartAsync(ns, "second");

        await first.DisposeAsync();

        Assert.True(await Eventually.True(() => second.State.IsLeading), "the standby did not take over");
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "after"), default);
        await NoteAsync(ns, "after", "second");
    }

    [Fact]
    public async Task A_leader_whose_lease_is_taken_stops_its_controllers_and_its_next_term_starts_afresh()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await using var leader = await StartAsync(ns, "leader");
        Assert.True(await Eventually.True(() => leader.State.IsLeading));
        var terms = leader.Services.GetRequiredService<TermLog>().Terms;
        Assert.Single(terms);

        await EditLeaseAsync(ns, spec =>
        {
            spec.HolderIdentity = "intruder";
            spec.LeaseDurationSeconds = 3600;
            spec.RenewTime = DateTime.UtcNow;
        });

        // Stepping down means the term ended: its controllers and informers have stopped.
        Assert.True(await Eventually.True(() => !leader.State.IsLeading), "the leader did not step down");
        Assert.False(leader.State.InformersSynced);
        Assert.True(leader.State.IsRunning);

        // It campaigns again and leads once the Lease is free: a new term, with new informers, and its
        // memory started again.
        await EditLeaseAsync(ns, spec => spec.HolderIdentity = "");
        await sandbox.Widgets.CreateAsync(Widget.Create(ns, "later"), default);
        await NoteAsync(ns, "later", "leader");
        Assert.Equal(2, terms.Count);
        Assert.NotSame(terms.First(), terms.Last());
    }

    // The leader renews the Lease meanwhile: an edit that meets its renewal is read and made again.
    private async Task EditLeaseAsync(string ns, Action<k8s.Models.V1LeaseSpec> edit)
    {
        for (var attempt = 1; ; attempt++)
        {
            var lease = await sandbox.Client.CoordinationV1.ReadNamespacedLeaseAsync("llm-operator-leader", ns);
            edit(lease.Spec);
            try
            {
                await sandbox.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, lease.Metadata.Name, ns);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 10)
            {
            }
        }
    }

    private Task<TestOperator> StartAsync(string ns, string name, bool release = true) => TestOperator.StartAsync(
        sandbox, ns,
        o => o.AddController<Widget, StatusWritingReconciler>(),
        o =>
        {
            o.LeaderElection.Enabled = true;
            o.LeaderElection.LeaseNamespace = ns;
            o.LeaderElection.Identity = $"{name}-{Guid.NewGuid():N}";
            o.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(2);
            o.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(1.5);
            o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(200);
            o.LeaderElection.ReleaseOnShutdown = release;
        },
        s => s.AddSingleton(new ReconcileLog()).AddSingleton(new ReplicaName(name)).AddTermMemory<TermLog>());

    private async Task NoteAsync(string ns, string name, string note) =>
        Assert.True(
            await Eventually.Async(async () => (await sandbox.Widgets.GetAsync(new ObjectKey(ns, name), default))?.Status?.Note == note),
            $"{name} was not reconciled by {note}");
}
