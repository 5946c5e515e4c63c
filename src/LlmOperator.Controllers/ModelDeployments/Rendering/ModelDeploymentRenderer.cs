using System.Globalization;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.GatewayApi;
using LlmOperator.Controllers.ModelDeployments.Planning;
using LlmOperator.Pipelines.Serving;

namespace LlmOperator.Controllers.ModelDeployments.Rendering;

/// <summary>
/// The objects a ModelDeployment's plan asks for: a Deployment per revision, the main, stable and
/// canary Services (port 80 to the pods' named http port, so that revisions may listen on different
/// ports), and, with Gateway API routing, an HTTPRoute weighting the stable and canary Services.
/// The reconciler makes the ModelDeployment their owner.
/// </summary>
internal static class ModelDeploymentRenderer
{
    /// <summary>The Service port every endpoint URL uses.</summary>
    public const int ServicePort = 80;

    /// <summary>Seconds a pod has to exit once its server is told to stop (after its drain time).</summary>
    public const int ExitSeconds = 30;

    /// <summary>
    /// The Deployment of one revision: the engine's container with its volumes, a startup probe with the engine's
    /// budget for loading the model, then readiness and liveness on its health path, a preStop drain, and the
    /// engine's security contexts.
    /// </summary>
    public static V1Deployment Deployment(ModelDeployment model, string revision, ServingProfile profile, int replicas)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        var spec = model.Spec;
        var labels = ModelDeploymentNames.Labels(model, revision);
        var container = new V1Container
        {
            Name = "server",
            Image = profile.Image,
            Command = profile.Command.Count > 0 ? [.. profile.Command] : null,
            Args = profile.Args.Count > 0 ? [.. profile.Args] : null,
            Env = [.. profile.Env, .. spec.Env ?? []],
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = profile.Port, Protocol = "TCP" }],
            Resources = spec.Resources,
            VolumeMounts = ServerVolumes.Mounts(profile),
            StartupProbe = Startup(profile),
            ReadinessProbe = Probe(profile, command: null, periodSeconds: 5, failureThreshold: 3),
            // Restarted after a minute of failed health checks once it has started.
            LivenessProbe = Probe(profile, command: null, periodSeconds: 10, failureThreshold: 6),
            Lifecycle = Drain(profile),
            SecurityContext = profile.Security?.Container(),
        };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = ModelDeploymentNames.Deployment(model.Metadata.Name, revision),
                NamespaceProperty = model.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = new Dictionary<string, string> { [ModelDeploymentNames.ServedModelAnnotation] = profile.ServedModel },
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers = [container],
                        Volumes = ServerVolumes.Of(profile, spec.ModelCache),
                        ServiceAccountName = profile.ServiceAccountName,
                        ImagePullSecrets = PullSecrets.Of(profile.ImagePullSecrets),
                        NodeSelector = spec.NodeSelector,
                        Tolerations = spec.Tolerations,
                        SecurityContext = profile.Security?.Pod(),
                        // Servers with no drain get the time instead to finish what they answer once they are told to stop.
                        TerminationGracePeriodSeconds = (profile.DrainSeconds ?? ExitSeconds) + ExitSeconds,
                    },
                },
            },
        };
        LoraServing.AddTo(spec, profile, deployment.Spec.Template, container);
        return deployment;
    }

    /// <summary>
    /// The ConfigMap of one pipeline revision: what llmop router serves, with each component's endpoint as
    /// it was resolved when the revision was first deployed.
    /// </summary>
    public static V1ConfigMap RouterConfig(ModelDeployment model, string revision, RouterConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(configuration);
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = ModelDeploymentNames.RouterConfig(model.Metadata.Name, revision),
                NamespaceProperty = model.Metadata.NamespaceProperty,
                Labels = ModelDeploymentNames.Labels(model, revision),
            },
            Data = new Dictionary<string, string> { [EngineProfiles.RouterConfigKey] = configuration.ToJson() },
        };
    }

    /// <summary>A Service selecting one revision's pods, or every revision's when <paramref name="revision"/> is null.</summary>
    public static V1Service Service(ModelDeployment model, string name, string? revision)
    {
        ArgumentNullException.ThrowIfNull(model);
        var selector = ModelDeploymentNames.Labels(model, revision);
        selector.Remove(WellKnownLabels.ManagedBy);
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = model.Metadata.NamespaceProperty, Labels = ModelDeploymentNames.Labels(model) },
            Spec = new V1ServiceSpec
            {
                Selector = selector,
                Ports = [new V1ServicePort { Name = "http", Port = ServicePort, TargetPort = "http", Protocol = "TCP" }],
            },
        };
    }

    /// <summary>
    /// The Services for the traffic targets: main, then stable and canary when <paramref name="rolloutServices"/>
    /// (see <see cref="Planning.RolloutServices"/>).
    /// </summary>
    public static IReadOnlyList<V1Service> Services(ModelDeployment model, TrafficTargets traffic, bool rolloutServices)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(traffic);
        var name = model.Metadata.Name;
        var main = Service(model, ModelDeploymentNames.MainService(name), traffic.MainRevision);
        return rolloutServices
            ?
            [
                main,
                Service(model, ModelDeploymentNames.StableService(name), traffic.StableRevision),
                Service(model, ModelDeploymentNames.CanaryService(name), traffic.CanaryRevision),
            ]
            : [main];
    }

    /// <summary>The HTTPRoute splitting requests between the stable and canary Services.</summary>
    public static HttpRoute Route(ModelDeployment model, GatewayApiRouting routing, TrafficTargets traffic)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(traffic);
        var name = model.Metadata.Name;
        return new HttpRoute
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = model.Metadata.NamespaceProperty, Labels = ModelDeploymentNames.Labels(model) },
            Spec = new HttpRouteSpec
            {
                ParentRefs = [.. routing.ParentRefs
                    .Select(p => new HttpRouteParentReference { Name = p.Name, Namespace = p.Namespace, SectionName = p.SectionName })],
                Hostnames = routing.Hostnames,
                Rules =
                [
                    new HttpRouteRule
                    {
                        BackendRefs =
                        [
                            new HttpBackendReference
                            {
                                Name = ModelDeploymentNames.StableService(name),
                                Port = ServicePort,
                                Weight = 100 - traffic.CanaryWeight,
                            },
                            new HttpBackendReference
                            {
                                Name = ModelDeploymentNames.CanaryService(name),
                                Port = ServicePort,
                                Weight = traffic.CanaryWeight,
                            },
                        ],
                    },
                ],
            },
        };
    }

    // The pod leaves its Services when it starts stopping: it keeps serving meanwhile, so requests in flight finish.
    private static V1Lifecycle? Drain(ServingProfile profile) => profile.DrainSeconds is > 0 and var seconds
        ? new V1Lifecycle
        {
            PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sleep", seconds.ToString(CultureInfo.InvariantCulture)] } },
        }
        : null;

    // Checked every 10 s until the server serves the model or its startup budget runs out; Kubernetes then restarts it.
    private static V1Probe Startup(ServingProfile profile) => Probe(profile, profile.StartupCommand, periodSeconds: 10, (profile.StartupSeconds + 9) / 10);

    // A command, or the health path; a busy server answers slowly: five seconds before a check counts as failed.
    private static V1Probe Probe(ServingProfile profile, IReadOnlyList<string>? command, int periodSeconds, int failureThreshold) => new()
    {
        Exec = command is null ? null : new V1ExecAction { Command = [.. command] },
        HttpGet = command is null ? new V1HTTPGetAction { Path = profile.HealthPath, Port = "http" } : null,
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 5,
        FailureThreshold = failureThreshold,
    };
}
