using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace LlmOperator.Kubernetes.Leadership;

/// <summary>
/// Clears a Lease this replica holds (client-go's ReleaseOnCancel), so that a standby acquires it at its
/// next try instead of waiting out the lease duration. KubernetesClient's elector treats an empty holder
/// as free.
/// </summary>
internal static class LeaseRelease
{
    public static async Task<bool> ReleaseAsync(LeaseLock leaseLock, string identity, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await leaseLock.GetAsync(cancellationToken).ConfigureAwait(false);
        if (record?.HolderIdentity != identity)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await leaseLock.UpdateAsync(
            new LeaderElectionRecord
            {
                HolderIdentity = "",
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaderTransitions = record.LeaderTransitions,
            },
            cancellationToken).ConfigureAwait(false);
    }
}
