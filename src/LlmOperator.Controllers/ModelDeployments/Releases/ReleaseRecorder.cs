using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Controllers.ModelDeployments.Releases;

/// <summary>
/// Keeps a release: copies each gate's per-case outcomes from the results ConfigMap of the run that
/// released the revision into the ModelDeployment's release ConfigMap (owned by it, so it goes with
/// it), which then names the revision. A run whose results hold no outcomes adds no gate; the release is
/// kept all the same, so that it is not asked for again.
/// </summary>
internal sealed class ReleaseRecorder(IResourceClient<V1ConfigMap> configMaps)
{
    public async Task RecordAsync(ModelDeployment model, ReleaseRecording release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(release);
        var ns = model.Metadata.NamespaceProperty;
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (gate, run) in release.Runs)
        {
            var results = await configMaps.GetAsync(new ObjectKey(ns, RunResults.ConfigMapName(run)), cancellationToken).ConfigureAwait(false);
            if (results?.Data?.TryGetValue(RunResults.CasesKey, out var cases) == true)
            {
                data[ModelDeploymentNames.ReleaseKey(gate)] = cases;
            }
        }

        var key = new ObjectKey(ns, ModelDeploymentNames.ReleaseConfigMap(model.Metadata.Name));
        if (await configMaps.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await configMaps.UpdateAsync(existing, c =>
            {
                c.Metadata.Annotations ??= new Dictionary<string, string>();
                c.Metadata.Annotations[KeptRelease.RevisionAnnotation] = release.Revision;
                c.Metadata.Annotations[KeptRelease.RunsAnnotation] = Runs(release);
                // A merge patch removes the keys of gates this release does not have.
                c.Data = data;
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = key.Name,
                NamespaceProperty = ns,
                Labels = new Dictionary<string, string>
                {
                    [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator,
                    [WellKnownLabels.ReleaseOf] = model.Metadata.Name,
                },
                Annotations = new Dictionary<string, string>
                {
                    [KeptRelease.RevisionAnnotation] = release.Revision,
                    [KeptRelease.RunsAnnotation] = Runs(release),
                },
            },
            Data = data,
        };
        OwnerReferences.SetController(configMap, model);
        await configMaps.CreateIfMissingAsync(configMap, cancellationToken).ConfigureAwait(false);
    }

    private static string Runs(ReleaseRecording release) => string.Join(',', release.Runs.Values.Order(StringComparer.Ordinal));
}
