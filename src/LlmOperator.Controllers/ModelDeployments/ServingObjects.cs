using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.GatewayApi;
using LlmOperator.Controllers.ModelDeployments.Pipelines;
using LlmOperator.Controllers.ModelDeployments.Planning;
using LlmOperator.Controllers.ModelDeployments.Rendering;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Controllers.ModelDeployments;

/// <summary>
/// Brings what serves a ModelDeployment to what its plan asks: a Deployment per kept revision at its
/// replicas, the main Service (the stable and canary ones too once a rollout needs them), and the HTTPRoute's weights. Only changes are sent
/// (creates, and merge patches of the fields that differ); nothing the operator does not own is touched.
/// </summary>
internal sealed partial class ServingObjects(
    IResourceClient<V1Deployment> deployments,
    IResourceClient<V1ConfigMap> configMaps,
    IResourceClient<V1ServiceAccount> accounts,
    IResourceClient<V1RoleBinding> bindings,
    IOptions<ControllerOptions> options,
    IResourceClient<V1Service> services,
    IResourceClient<HttpRoute> routes,
    IEventRecorder events,
    ILogger<ServingObjects> logger)
{
    /// <summary>Applies the Deployments, Services and route of <paramref name="plan"/>.</summary>
    public async Task ApplyAsync(ModelDeployment model, RolloutInputs inputs, RolloutPlan plan, ServingChildren owned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(owned);
        await ApplyDeploymentsAsync(model, inputs, plan, owned.Deployments, cancellationToken).ConfigureAwait(false);
        if (plan.Traffic is not { } traffic)
        {
            return;
        }

        foreach (var service in ModelDeploymentRenderer.Services(model, traffic, plan.RolloutServices))
        {
            await ApplyServiceAsync(
                model, service, owned.Services.FirstOrDefault(s => s.Metadata.Name == service.Metadata.Name),
                cancellationToken).ConfigureAwait(false);
        }

        if (model.Spec.Rollout?.TrafficRouting?.GatewayApi is { } routing)
        {
            await ApplyRouteAsync(model, ModelDeploymentRenderer.Route(model, routing, traffic), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyDeploymentsAsync(
        ModelDeployment model, RolloutInputs inputs, RolloutPlan plan, IReadOnlyList<V1Deployment> owned, CancellationToken cancellationToken)
    {
        var byRevision = owned
            .Where(d => ModelDeploymentNames.Label(d, WellKnownLabels.Revision) is not null)
            .ToDictionary(d => ModelDeploymentNames.Label(d, WellKnownLabels.Revision)!, StringComparer.Ordinal);
        foreach (var (revision, deployment) in byRevision.Where(d => !plan.Replicas.ContainsKey(d.Key)))
        {
            await deployments.DeleteAsync(ObjectKey.Of(deployment), cancellationToken).ConfigureAwait(false);
            LogRevisionDeleted(logger, model.Metadata.NamespaceProperty, model.Metadata.Name, revision);
        }

        // Deletions and scale-downs go first, so that the revisions never run more pods together than maxSurge allows.
        foreach (var (revision, replicas) in plan.Replicas.OrderBy(r => r.Value - (byRevision.GetValueOrDefault(r.Key)?.Spec?.Replicas ?? 0)))
        {
            if (byRevision.TryGetValue(revision, out var existing))
            {
                if (existing.Spec?.Replicas != replicas)
                {
                    await deployments.PatchAsync(
                        ObjectKey.Of(existing), new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } },
                        cancellationToken).ConfigureAwait(false);
                }
            }
            else if (revision == inputs.Revision)
            {
                // A pipeline's pods read what they serve from their revision's ConfigMap and prompts with their service account: both come first.
                if (inputs.Pipeline?.Configuration is { } router)
                {
                    var ns = model.Metadata.NamespaceProperty;
                    await accounts.CreateIfMissingAsync(RouterPods.Account(ns), cancellationToken).ConfigureAwait(false);
                    await bindings.CreateIfMissingAsync(RouterPods.Binding(ns, options.Value.RouterClusterRole), cancellationToken).ConfigureAwait(false);
                    var configMap = ModelDeploymentRenderer.RouterConfig(model, revision, router);
                    OwnerReferences.SetController(configMap, model);
                    await configMaps.CreateIfMissingAsync(configMap, cancellationToken).ConfigureAwait(false);
                }

                var deployment = ModelDeploymentRenderer.Deployment(model, revision, inputs.Profile, replicas);
                OwnerReferences.SetController(deployment, model);
                await deployments.CreateIfMissingAsync(deployment, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Only the spec's revision can be rendered: an older one deleted by hand is gone for good.
                LogRevisionLost(logger, model.Metadata.NamespaceProperty, model.Metadata.Name, revision);
            }
        }
    }

    private async Task ApplyServiceAsync(ModelDeployment model, V1Service desired, V1Service? existing, CancellationToken cancellationToken)
    {
        if (existing is null)
        {
            OwnerReferences.SetController(desired, model);
            await services.CreateIfMissingAsync(desired, cancellationToken).ConfigureAwait(false);
            return;
        }

        await services.UpdateAsync(existing, s =>
        {
            s.Spec.Selector = desired.Spec.Selector;
            s.Spec.Ports = desired.Spec.Ports;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyRouteAsync(ModelDeployment model, HttpRoute desired, CancellationToken cancellationToken)
    {
        try
        {
            if (await routes.GetAsync(ObjectKey.Of(desired), cancellationToken).ConfigureAwait(false) is not { } existing)
            {
                OwnerReferences.SetController(desired, model);
                await routes.CreateIfMissingAsync(desired, cancellationToken).ConfigureAwait(false);
            }
            else if (!OwnerReferences.IsControlledBy(existing, model))
            {
                await events.RecordAsync(
                    model, EventTypes.Warning, "RouteNotOwned",
                    $"HTTPRoute {desired.Metadata.Name} exists and is not owned by this ModelDeployment: its weights are left alone",
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await routes.UpdateAsync(existing, r => r.Spec = desired.Spec, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (NotFoundException)
        {
            // The cluster does not serve Gateway API: say so instead of failing every reconcile.
            await events.RecordAsync(
                model, EventTypes.Warning, "GatewayApiMissing",
                "spec.rollout.trafficRouting.gatewayAPI is set but the cluster does not serve gateway.networking.k8s.io/v1 HTTPRoute: " +
                    "install the Gateway API CRDs",
                cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "ModelDeployment {Namespace}/{Name}: the Deployment of revision {Revision} is missing and only the spec's revision can be recreated")]
    private static partial void LogRevisionLost(ILogger logger, string? @namespace, string name, string revision);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "ModelDeployment {Namespace}/{Name}: deleted the Deployment of revision {Revision}, beyond the revision history")]
    private static partial void LogRevisionDeleted(ILogger logger, string? @namespace, string name, string revision);
}
