using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// How the controllers' informers keep the kinds they cache most of, one per ModelDeployment: without what no
/// reconciler reads, and with the strings every object repeats (condition types and reasons, Service fields) made
/// one instance each. Metadata is shared for every kind already (see <see cref="StringPool"/>).
/// </summary>
internal static class CachedObjects
{
    /// <summary>Registers the trims with the informers.</summary>
    public static ReflectorOptions TrimModelObjects(this ReflectorOptions informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        return informers.Trim<V1Deployment>(Deployment).Trim<V1Service>(Service).Trim<ModelDeployment>(Model);
    }

    // Of a revision's Deployment the rollout reads its name, labels, owner, spec.replicas and status.readyReplicas, and
    // patches only spec.replicas: its pod template (the bulk of it), selector, strategy, annotations and conditions go.
    internal static void Deployment(V1Deployment deployment)
    {
        deployment.Metadata.Annotations = null;
        if (deployment.Spec is { } spec)
        {
            spec.Template = null!;
            spec.Selector = null!;
            spec.Strategy = null;
        }

        if (deployment.Status is { } status)
        {
            status.Conditions = null;
        }
    }

    // Of a Service the reconciler reads its name, owner, selector and ports (which it patches); not its addresses or status.
    internal static void Service(V1Service service)
    {
        service.Status = null;
        if (service.Spec is not { } spec)
        {
            return;
        }

        spec.ClusterIPs = null;
        spec.IpFamilies = null;
        spec.Type = StringPool.Share(spec.Type);
        spec.SessionAffinity = StringPool.Share(spec.SessionAffinity);
        spec.IpFamilyPolicy = StringPool.Share(spec.IpFamilyPolicy);
        spec.InternalTrafficPolicy = StringPool.Share(spec.InternalTrafficPolicy);
        spec.Selector = StringPool.Share(spec.Selector);
        foreach (var port in spec.Ports ?? [])
        {
            port.Name = StringPool.Share(port.Name);
            port.Protocol = StringPool.Share(port.Protocol);
        }
    }

    private static void Model(ModelDeployment model)
    {
        foreach (var condition in model.Status?.Conditions ?? [])
        {
            condition.Type = StringPool.Share(condition.Type)!;
            condition.Reason = StringPool.Share(condition.Reason)!;
            condition.Message = StringPool.Share(condition.Message);
        }
    }
}
