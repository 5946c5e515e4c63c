using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// How the controllers' informers keep the kinds they cache most of, one per ModelDeployment: without what no
/// reconciler reads, and with the strings every object repeats (condition types and reasons, Service and selector
/// fields) made one instance each. Metadata is shared for every kind already (see <see cref="StringPool"/>).
/// </summary>
internal static class CachedObjects
{
    /// <summary>Registers the trims with the informers.</summary>
    public static ReflectorOptions TrimModelObjects(this ReflectorOptions informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        return informers.Trim<V1Deployment>(Deployment).Trim<V1Service>(Service).Trim<ModelDeployment>(Model);
    }

    // Of a revision's Deployment the rollout reads its labels, owner, replicas and status, never its pod template: the bulk of it.
    private static void Deployment(V1Deployment deployment)
    {
        if (deployment.Spec is { } spec)
        {
            spec.Template?.Spec = null!;
            spec.Template?.Metadata?.Labels = StringPool.Share(spec.Template.Metadata.Labels);
            spec.Selector?.MatchLabels = StringPool.Share(spec.Selector.MatchLabels);
        }

        foreach (var condition in deployment.Status?.Conditions ?? [])
        {
            condition.Type = StringPool.Share(condition.Type);
            condition.Status = StringPool.Share(condition.Status);
            condition.Reason = StringPool.Share(condition.Reason);
            condition.Message = StringPool.Share(condition.Message);
        }
    }

    private static void Service(V1Service service)
    {
        if (service.Spec is not { } spec)
        {
            return;
        }

        spec.Type = StringPool.Share(spec.Type);
        spec.SessionAffinity = StringPool.Share(spec.SessionAffinity);
        spec.IpFamilyPolicy = StringPool.Share(spec.IpFamilyPolicy);
        spec.InternalTrafficPolicy = StringPool.Share(spec.InternalTrafficPolicy);
        spec.IpFamilies = spec.IpFamilies?.Select(f => StringPool.Share(f)!).ToList();
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
