namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>The pods of a ModelDeployment as the adapter planner reads them: which serve what, and what failed.</summary>
internal sealed class AdapterFleet(IReadOnlyList<ServerPod> pods)
{
    /// <summary>Every pod the caches hold.</summary>
    public IReadOnlyList<ServerPod> All { get; } = pods;

    /// <summary>
    /// The pods the operator loads adapters onto: containers ready (the pod may still wait on its readiness gate), not
    /// terminating, with an IP.
    /// </summary>
    public IReadOnlyList<ServerPod> Ready { get; } = [.. pods.Where(p => p.Ready)];

    /// <summary>How many ready pods serve <paramref name="revision"/> in <paramref name="slot"/>.</summary>
    public int Serving(AdapterSlot slot, string revision) => Ready.Count(p => p.Serves(slot, revision));

    /// <summary>Whether there is a ready pod and every ready pod serves <paramref name="revision"/> in <paramref name="slot"/>.</summary>
    public bool AllServe(AdapterSlot slot, string revision) => Ready.Count > 0 && Ready.All(p => p.Serves(slot, revision));

    /// <summary>The ready pod whose loads of <paramref name="revision"/> in <paramref name="slot"/> failed most often in a row, with that failure.</summary>
    public (ServerPod Pod, AdapterCallFailure Failure)? Failure(AdapterSlot slot, string revision) =>
        Ready.Select(p => (Pod: p, Failure: p.Holding(slot)?.Failed))
            .Where(f => f.Failure?.Revision == revision)
            .Select(f => (f.Pod, Failure: f.Failure!))
            .OrderByDescending(f => f.Failure.Attempts)
            .Cast<(ServerPod, AdapterCallFailure)?>()
            .FirstOrDefault();
}
