using System.Globalization;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Engines;

/// <summary>
/// The llmop adapter-loader container of a pod that serves adapters: it fetches https:// archives and pinned Hugging
/// Face revisions into an emptyDir that the engine's container mounts at the same path, so that the engine loads them
/// as local directories (vLLM's /v1/load_lora_adapter reads a repository id without a revision, or a path). It is
/// rendered whatever the adapters' sources are, so that changing an adapter's source kind restarts no pod.
/// </summary>
/// <param name="Image">The operator's own image.</param>
/// <param name="HubEndpoint">The Hugging Face Hub (or a mirror of it) hf:// sources are read from.</param>
internal sealed record AdapterLoaderSidecar(string Image, string HubEndpoint)
{
    /// <summary>The container's name.</summary>
    public const string ContainerName = "adapter-loader";

    /// <summary>The port the loader listens on, on the pod's IP.</summary>
    public const int Port = 8090;

    /// <summary>Where the adapter versions' emptyDir is mounted, in the loader and in the engine's container.</summary>
    public const string MountPath = "/var/lib/llmop/adapters";

    /// <summary>The emptyDir volume of adapter versions.</summary>
    public const string Volume = "adapter-versions";

    /// <summary>The base URL of the loader of a pod whose server is at <paramref name="server"/> (the pod's IP).</summary>
    public static Uri Of(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new UriBuilder(server) { Port = Port, Path = "/" }.Uri;
    }

    /// <summary>Adds the loader, its volume and the engine's mount of it to <paramref name="template"/>.</summary>
    public void AddTo(ModelDeploymentSpec spec, V1PodTemplateSpec template, V1Container server)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(server);
        var port = Port.ToString(CultureInfo.InvariantCulture);
        (template.Spec.Volumes ??= []).Add(new V1Volume { Name = Volume, EmptyDir = new V1EmptyDirVolumeSource() });
        (server.VolumeMounts ??= []).Add(new V1VolumeMount { Name = Volume, MountPath = MountPath, ReadOnlyProperty = true });
        var health = new V1HTTPGetAction { Path = "/healthz", Port = "loader" };
        template.Spec.Containers.Add(new V1Container
        {
            Name = ContainerName,
            Image = Image,
            Args = ["adapter-loader", "--host", "$(POD_IP)", "--port", port, "--dir", MountPath],
            Env =
            [
                new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
                new V1EnvVar { Name = "HF_ENDPOINT", Value = HubEndpoint },
                .. spec.Model.TokenSecretRef is { } token
                    ? new[]
                    {
                        new V1EnvVar
                        {
                            Name = "HF_TOKEN",
                            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = token.Name, Key = token.Key } },
                        },
                    }
                    : [],
            ],
            Ports = [new V1ContainerPort { Name = "loader", ContainerPort = Port, Protocol = "TCP" }],
            VolumeMounts = [new V1VolumeMount { Name = Volume, MountPath = MountPath }],
            // It streams what it fetches to disk: a little CPU and the memory of a small ASP.NET server.
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("64Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
            },
            ReadinessProbe = new V1Probe { HttpGet = health, PeriodSeconds = 10 },
            LivenessProbe = new V1Probe { HttpGet = health, PeriodSeconds = 20, FailureThreshold = 3 },
            SecurityContext = PodSecurity.OperatorImage.Container(),
        });
    }
}
