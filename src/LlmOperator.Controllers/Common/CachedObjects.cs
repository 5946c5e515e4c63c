using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// How the controllers' informers keep the kinds they cache most of, one per ModelDeployment: without what no
/// reconciler reads, and with the strings every object repeats (condition types and reasons, Service fields, model
/// names, revisions, arguments) made one instance each. Metadata is shared for every kind already (see
/// <see cref="StringPool"/>). The parts of Deployments and Services that are the same throughout a fleet are one instance
/// too (see <see cref="PartPool"/>). A new version of a ModelDeployment or Deployment also takes over the parts of the version
/// it replaces that did not change (see <see cref="VersionSharing"/>).
/// </summary>
internal static class CachedObjects
{
    /// <summary>Registers the trims and the version sharing with the informers.</summary>
    public static ReflectorOptions CompactModelObjects(this ReflectorOptions informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        return informers.Trim<V1Deployment>(Deployment).Trim<V1Service>(Service).Trim<ModelDeployment>(Model)
            .ShareUnchanged<V1Deployment>(DeploymentVersion).ShareUnchanged<ModelDeployment>(ModelVersion);
    }

    // The API server moves metadata.generation on every change of a Deployment's or custom resource's spec, so the same
    // object at the same generation has the same spec; a status update, the usual change, moves only the resourceVersion.
    private static bool SameSpec(V1ObjectMeta metadata, V1ObjectMeta previous) =>
        metadata.Generation is not null && metadata.Generation == previous.Generation && metadata.Uid == previous.Uid;

    // The Deployment's status changes as its pods start; what the trim leaves of its spec only changes with its generation.
    internal static void DeploymentVersion(V1Deployment deployment, V1Deployment previous)
    {
        if (SameSpec(deployment.Metadata, previous.Metadata))
        {
            deployment.Spec = previous.Spec;
        }
    }

    // A status write changes the phase and a condition or two; the spec, the history and the other conditions stay.
    internal static void ModelVersion(ModelDeployment model, ModelDeployment previous)
    {
        if (SameSpec(model.Metadata, previous.Metadata))
        {
            model.Spec = previous.Spec;
        }

        if (model.Status is { } status && previous.Status is { } before)
        {
            status.Conditions = VersionSharing.ShareItems<List<Condition>, Condition>(status.Conditions, before.Conditions, SameCondition);
            status.History = VersionSharing.ShareItems<List<RolloutHistoryEntry>, RolloutHistoryEntry>(status.History, before.History, SameHistoryEntry);
        }
    }

    private static bool SameCondition(Condition condition, Condition previous) =>
        condition.Type == previous.Type && condition.Status == previous.Status && condition.Reason == previous.Reason
        && condition.Message == previous.Message && condition.ObservedGeneration == previous.ObservedGeneration
        && condition.LastTransitionTime == previous.LastTransitionTime;

    private static bool SameHistoryEntry(RolloutHistoryEntry entry, RolloutHistoryEntry previous) =>
        entry.Revision == previous.Revision && entry.Model == previous.Model && entry.Result == previous.Result
        && entry.Time == previous.Time && entry.Message == previous.Message;

    // Of a revision's Deployment the rollout reads its name, labels, owner, spec.replicas and status.readyReplicas, and
    // patches only spec.replicas: its pod template (the bulk of it), selector, strategy, annotations and conditions go. What
    // is left of the spec and the status is the same for every ready Deployment of a size.
    internal static void Deployment(V1Deployment deployment)
    {
        deployment.Metadata.Annotations = null;
        if (deployment.Spec is { } spec)
        {
            spec.Template = null!;
            spec.Selector = null!;
            spec.Strategy = null;
            deployment.Spec = PartPool.Share(spec)!;
        }

        if (deployment.Status is { } status)
        {
            status.Conditions = null;
            deployment.Status = PartPool.Share(status);
        }
    }

    // Of a Service the reconciler reads its name, owner, selector and ports (which it patches); not its addresses or status.
    // Every model's Service has the same ports.
    internal static void Service(V1Service service)
    {
        service.Status = null;
        if (service.Spec is not { } spec)
        {
            return;
        }

        spec.ClusterIP = null;
        spec.ClusterIPs = null;
        spec.IpFamilies = null;
        spec.Type = StringPool.Share(spec.Type);
        spec.SessionAffinity = StringPool.Share(spec.SessionAffinity);
        spec.IpFamilyPolicy = StringPool.Share(spec.IpFamilyPolicy);
        spec.InternalTrafficPolicy = StringPool.Share(spec.InternalTrafficPolicy);
        spec.Selector = StringPool.Share(spec.Selector);
        spec.Ports = PartPool.Share(spec.Ports);
    }

    // A fleet's ModelDeployments repeat their model, image, arguments and revisions, and the messages that name them.
    internal static void Model(ModelDeployment model)
    {
        if (model.Spec is { } spec)
        {
            if (spec.Model is { } source)
            {
                source.Name = StringPool.Share(source.Name)!;
                source.Revision = StringPool.Share(source.Revision);
                source.ServedName = StringPool.Share(source.ServedName);
            }

            spec.Image = StringPool.Share(spec.Image);
            ShareItems(spec.Args);
        }

        if (model.Status is not { } status)
        {
            return;
        }

        status.Message = StringPool.Share(status.Message);
        status.StableRevision = StringPool.Share(status.StableRevision);
        status.CanaryRevision = StringPool.Share(status.CanaryRevision);
        status.ServedModel = StringPool.Share(status.ServedModel);
        foreach (var entry in status.History ?? [])
        {
            entry.Revision = StringPool.Share(entry.Revision)!;
            entry.Model = StringPool.Share(entry.Model);
            entry.Message = StringPool.Share(entry.Message);
        }

        foreach (var condition in status.Conditions ?? [])
        {
            condition.Type = StringPool.Share(condition.Type)!;
            condition.Reason = StringPool.Share(condition.Reason)!;
            condition.Message = StringPool.Share(condition.Message);
        }
    }

    private static void ShareItems(List<string>? items)
    {
        for (var i = 0; i < items?.Count; i++)
        {
            items[i] = StringPool.Share(items[i])!;
        }
    }
}
