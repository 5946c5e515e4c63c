using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// Creates and deletes the EvaluationRuns a plan asks for on behalf of their owner (a ModelDeployment or
/// a PromptVersion), so that the runs go with their owner when it is deleted.
/// </summary>
internal sealed class OwnedRuns(IResourceClient<EvaluationRun> runs)
{
    /// <summary>Creates the runs that do not exist yet, owned by <paramref name="owner"/>, and deletes the named ones.</summary>
    public async Task ApplyAsync(
        IKubernetesObject<V1ObjectMeta> owner,
        IEnumerable<EvaluationRun> toCreate,
        IEnumerable<string> toDelete,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(toCreate);
        ArgumentNullException.ThrowIfNull(toDelete);
        foreach (var run in toCreate)
        {
            OwnerReferences.SetController(run, owner);
            await runs.CreateIfMissingAsync(run, cancellationToken).ConfigureAwait(false);
        }

        foreach (var name in toDelete)
        {
            await runs.DeleteAsync(new ObjectKey(owner.Metadata.NamespaceProperty, name), cancellationToken).ConfigureAwait(false);
        }
    }
}
