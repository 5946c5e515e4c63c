using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments.Planning;
using LlmOperator.Controllers.ModelDeployments.Rendering;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Rendering;

public class ModelDeploymentRendererTests
{
    private const string OperatorImage = "ghcr.io/llmoperator/llmop:0.1.0";
    private const string Revision = "0123456789";

    private static ModelDeployment Model(InferenceEngine engine = InferenceEngine.Vllm, Action<ModelDeploymentSpec>? change = null)
    {
        var spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = "meta-llama/Llama-3.1-8B-Instruct", ServedName = "llama" },
            Engine = engine,
            Replicas = 2,
        };
        change?.Invoke(spec);
        return new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = "llama", NamespaceProperty = "ml", Generation = 1 },
            Spec = spec,
        };
    }

    private static V1Deployment Deployment(ModelDeployment model, int replicas = 2) =>
        ModelDeploymentRenderer.Deployment(model, Revision, EngineProfiles.Resolve(model.Spec, OperatorImage), replicas);

    private static GatewayApiRouting Routing() => new()
    {
        ParentRefs = [new GatewayParentReference { Name = "public", Namespace = "gateways", SectionName = "https" }],
        Hostnames = ["llama.example.com"],
    };

    private static V1Container Server(V1Deployment deployment) => Assert.Single(deployment.Spec.Template.Spec.Containers);

    private static List<string> Mounts(V1Container container) => [.. (container.VolumeMounts ?? []).Select(m => $"{m.Name}={m.MountPath}")];

    private static V1Volume Volume(V1PodSpec pod, string name) => Assert.Single(pod.Volumes, v => v.Name == name);

    private static (string? Path, int? Period, int? Failures) Http(V1Probe probe) => (probe.HttpGet?.Path, probe.PeriodSeconds, probe.FailureThreshold);

    // Every pod the operator renders: no privilege escalation, no capabilities, the runtime's seccomp profile.
    private static void AssertConfined(V1PodSpec pod, V1Container server, bool nonRoot)
    {
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.Equal(nonRoot ? true : null, pod.SecurityContext.RunAsNonRoot);
        Assert.False(server.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], server.SecurityContext.Capabilities.Drop);
        Assert.Equal("RuntimeDefault", server.SecurityContext.SeccompProfile.Type);
        Assert.Equal(nonRoot ? true : null, server.SecurityContext.RunAsNonRoot);
    }

    private static Dictionary<string, string> RevisionLabels => new()
    {
        ["app.kubernetes.io/managed-by"] = "llm-operator",
        ["llmoperator.io/model"] = "llama",
        ["llmoperator.io/revision"] = Revision,
    };

    [Theory]
    [InlineData(InferenceEngine.Mock, null, true)]
    [InlineData(InferenceEngine.Pipeline, null, true)]
    [InlineData(InferenceEngine.Vllm, null, false)]
    [InlineData(InferenceEngine.Mock, "registry.example/mock:1", false)]
    public void Pods_that_run_the_operators_image_pull_it_with_the_operators_pull_secrets(InferenceEngine engine, string? image, bool pulls)
    {
        var model = Model(engine, s =>
        {
            s.Image = image;
            s.Pipeline = engine == InferenceEngine.Pipeline ? new PipelineSpec() : null;
        });

        var pod = ModelDeploymentRenderer.Deployment(model, Revision, EngineProfiles.Resolve(model.Spec, OperatorImage, operatorPullSecrets: ["registry"]), 1)
            .Spec.Template.Spec;

        Assert.Equal(pulls ? ["registry"] : null, pod.ImagePullSecrets?.Select(s => s.Name));
    }

    [Fact]
    public void A_revision_deployment_is_named_after_the_model_and_the_revision_in_its_namespace()
    {
        var deployment = Deployment(Model());

        Assert.Equal("llama-0123456789", deployment.Metadata.Name);
        Assert.Equal("ml", deployment.Metadata.NamespaceProperty);
        Assert.Equal(("apps/v1", "Deployment"), (deployment.ApiVersion, deployment.Kind));
    }

    [Fact]
    public void The_deployment_its_selector_and_its_pod_template_carry_the_managed_by_model_and_revision_labels()
    {
        var deployment = Deployment(Model());

        Assert.Equal(RevisionLabels, deployment.Metadata.Labels);
        Assert.Equal(RevisionLabels, deployment.Spec.Selector.MatchLabels);
        Assert.Equal(RevisionLabels, deployment.Spec.Template.Metadata.Labels);
    }

    [Fact]
    public void The_deployment_records_the_model_name_clients_send()
    {
        var deployment = Deployment(Model());

        Assert.Equal("llama", deployment.Metadata.Annotations["llmoperator.io/served-model"]);
    }

    [Fact]
    public void The_deployment_runs_the_replicas_it_is_given_not_the_spec_replicas()
    {
        var deployment = Deployment(Model(), replicas: 1);

        Assert.Equal(1, deployment.Spec.Replicas);
    }

    [Fact]
    public void The_server_container_runs_the_engine_image_and_args_on_a_port_named_http()
    {
        var container = Server(Deployment(Model()));

        Assert.Equal("vllm/vllm-openai:v0.26.0", container.Image);
        Assert.Null(container.Command);
        Assert.Equal(["--model", "meta-llama/Llama-3.1-8B-Instruct", "--served-model-name", "llama", "--port", "8000"], container.Args);
        var port = Assert.Single(container.Ports);
        Assert.Equal(("http", 8000, "TCP"), (port.Name, port.ContainerPort, port.Protocol));
    }

    [Fact]
    public void The_readiness_probe_gets_the_health_path_on_the_http_port()
    {
        var probe = Server(Deployment(Model(change: s => s.Server = new ServerSettings { HealthPath = "/ready" }))).ReadinessProbe;

        Assert.Null(probe.Exec);
        Assert.Equal("/ready", probe.HttpGet.Path);
        Assert.Equal("http", probe.HttpGet.Port.Value);
    }

    [Fact]
    public void Gpu_resources_are_passed_through_untouched()
    {
        var model = Model(change: s => s.Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1"), ["memory"] = new("24Gi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") },
        });

        var resources = Server(Deployment(model)).Resources;

        Assert.Equal(["memory=24Gi", "nvidia.com/gpu=1"], resources.Requests.Select(r => $"{r.Key}={r.Value}").Order());
        Assert.Equal(["nvidia.com/gpu=1"], resources.Limits.Select(r => $"{r.Key}={r.Value}"));
    }

    [Fact]
    public void The_engine_environment_comes_before_the_spec_environment_with_secret_references_kept()
    {
        var model = Model(InferenceEngine.Mock, s => s.Env =
        [
            new V1EnvVar { Name = "LOG_LEVEL", Value = "debug" },
            new V1EnvVar { Name = "HF_TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "hf", Key = "token" } } },
        ]);

        var env = Server(Deployment(model)).Env;

        Assert.Equal(["POD_IP", "LOG_LEVEL", "HF_TOKEN"], env.Select(e => e.Name));
        Assert.Equal("debug", env[1].Value);
        Assert.Equal(("hf", "token"), (env[2].ValueFrom.SecretKeyRef.Name, env[2].ValueFrom.SecretKeyRef.Key));
    }

    [Fact]
    public void The_pod_is_placed_by_the_spec_node_selector_and_tolerations()
    {
        var model = Model(change: s =>
        {
            s.NodeSelector = new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "NVIDIA-A100-SXM4-80GB" };
            s.Tolerations = [new V1Toleration { Key = "nvidia.com/gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }];
        });

        var pod = Deployment(model).Spec.Template.Spec;

        Assert.Equal("NVIDIA-A100-SXM4-80GB", Assert.Single(pod.NodeSelector, p => p.Key == "nvidia.com/gpu.product").Value);
        var toleration = Assert.Single(pod.Tolerations);
        Assert.Equal(("nvidia.com/gpu", "Exists", "NoSchedule"), (toleration.Key, toleration.OperatorProperty, toleration.Effect));
    }

    [Fact]
    public void A_mock_engine_runs_restricted_pods_and_containers()
    {
        var deployment = Deployment(Model(InferenceEngine.Mock));
        var pod = deployment.Spec.Template.Spec.SecurityContext;
        var container = Server(deployment).SecurityContext;

        Assert.True(pod.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.RunAsNonRoot);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Equal("RuntimeDefault", container.SeccompProfile.Type);
        Assert.True(container.ReadOnlyRootFilesystem);
    }

    [Fact]
    public void A_mock_engine_with_its_own_image_runs_without_security_contexts()
    {
        var deployment = Deployment(Model(InferenceEngine.Mock, s => s.Image = "registry.example.com/mock:dev"));

        Assert.Null(deployment.Spec.Template.Spec.SecurityContext);
        Assert.Null(Server(deployment).SecurityContext);
    }

    // docs.vllm.ai/en/latest/deployment/docker.html, "Run as a non-root user" (UID 2000 in group 0, caches under /home/vllm,
    // volumes writable by group 0) and deployment/k8s.html (a Memory emptyDir of 2Gi at /dev/shm, /health probes).
    [Fact]
    public void A_vllm_pod_runs_as_the_images_vllm_user_with_its_cache_shared_memory_and_health_probes()
    {
        var deployment = Deployment(Model());
        var pod = deployment.Spec.Template.Spec;
        var server = Server(deployment);

        Assert.Equal("vllm/vllm-openai:v0.26.0", server.Image);
        Assert.Equal("/home/vllm/.cache/huggingface", Assert.Single(server.Env, e => e.Name == "HF_HOME").Value);
        Assert.Equal(["model-cache=/home/vllm/.cache/huggingface", "shm=/dev/shm"], Mounts(server));
        Assert.Null(Volume(pod, "model-cache").EmptyDir.SizeLimit);
        var shm = Volume(pod, "shm").EmptyDir;
        Assert.Equal(("Memory", "2Gi"), (shm.Medium, shm.SizeLimit.ToString()));
        Assert.Equal(("/health", 10, 180), Http(server.StartupProbe));
        Assert.Equal(("/health", 5, 3), Http(server.ReadinessProbe));
        Assert.Equal(("/health", 10, 6), Http(server.LivenessProbe));
        Assert.Equal((2000L, 0L, 0L), (pod.SecurityContext.RunAsUser, pod.SecurityContext.RunAsGroup, pod.SecurityContext.FsGroup));
        Assert.Equal("OnRootMismatch", pod.SecurityContext.FsGroupChangePolicy);
        AssertConfined(pod, server, nonRoot: true);
        Assert.Equal(["sleep", "30"], server.Lifecycle.PreStop.Exec.Command);
        Assert.Equal(60, pod.TerminationGracePeriodSeconds);
    }

    // TGI's README: "-v $volume:/data" (the image's HF_HOME), "--shm-size 1g" and, in "A note on Shared Memory (shm)", a
    // Memory emptyDir at /dev/shm on Kubernetes; its Dockerfile runs Python from /root/.local, so it stays root.
    [Fact]
    public void A_tgi_pod_keeps_its_weights_in_data_with_a_gigabyte_of_shared_memory_and_runs_as_root_with_nothing_else()
    {
        var deployment = Deployment(Model(InferenceEngine.Tgi));
        var pod = deployment.Spec.Template.Spec;
        var server = Server(deployment);

        Assert.Equal("ghcr.io/huggingface/text-generation-inference:3.3.7", server.Image);
        Assert.Equal(["--model-id", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8080"], server.Args);
        Assert.Equal(["model-cache=/data", "shm=/dev/shm"], Mounts(server));
        Assert.Equal("1Gi", Volume(pod, "shm").EmptyDir.SizeLimit.ToString());
        Assert.Equal(("/health", 10, 180), Http(server.StartupProbe));
        Assert.Equal(("/health", 10, 6), Http(server.LivenessProbe));
        Assert.Equal<(long?, long?, long?)>((null, 0, 0), (pod.SecurityContext.RunAsUser, pod.SecurityContext.RunAsGroup, pod.SecurityContext.FsGroup));
        AssertConfined(pod, server, nonRoot: false);
        Assert.Equal(["sleep", "30"], server.Lifecycle.PreStop.Exec.Command);
    }

    // Ollama's docs/docker.mdx (-v ollama:/root/.ollama, port 11434) and docs/faq.mdx (OLLAMA_KEEP_ALIVE; a negative value
    // keeps a model loaded). Its server answers / before it has the model, so it counts as started once the script has
    // pulled and loaded it; then / is its health.
    [Fact]
    public void An_ollama_pod_counts_as_started_once_its_model_is_loaded_and_keeps_it_in_root_ollama()
    {
        var deployment = Deployment(Model(InferenceEngine.Ollama, s => s.Model = new ModelSource { Name = "llama3.1:8b", ServedName = "llama" }));
        var pod = deployment.Spec.Template.Spec;
        var server = Server(deployment);

        Assert.Equal("ollama/ollama:0.32.15", server.Image);
        Assert.Equal(["/bin/sh", "-c"], server.Command);
        Assert.Equal(["test", "-f", "/tmp/model-ready"], server.StartupProbe.Exec.Command);
        Assert.Null(server.StartupProbe.HttpGet);
        Assert.Equal((10, 180), (server.StartupProbe.PeriodSeconds, server.StartupProbe.FailureThreshold));
        Assert.Equal(("/", 5, 3), Http(server.ReadinessProbe));
        Assert.Equal(("/", 10, 6), Http(server.LivenessProbe));
        Assert.Equal("-1", Assert.Single(server.Env, e => e.Name == "OLLAMA_KEEP_ALIVE").Value);
        Assert.Equal(["model-cache=/root/.ollama"], Mounts(server));
        AssertConfined(pod, server, nonRoot: false);
        Assert.Equal(["sleep", "30"], server.Lifecycle.PreStop.Exec.Command);
    }

    // llama.cpp's docs/docker.md (server images; the entrypoint is llama-server) and tools/server/README.md (--hf-repo
    // downloads into LLAMA_CACHE; /health answers 503 while the model loads, 200 once it is loaded).
    [Fact]
    public void A_llamacpp_pod_downloads_into_its_cache_as_a_non_root_user_and_probes_health()
    {
        var deployment = Deployment(Model(InferenceEngine.LlamaCpp, s => s.Model = new ModelSource { Name = "bartowski/Llama-3.2-1B-Instruct-GGUF" }));
        var pod = deployment.Spec.Template.Spec;
        var server = Server(deployment);

        Assert.Equal("ghcr.io/ggml-org/llama.cpp:server-b9628", server.Image);
        Assert.Equal("/models", Assert.Single(server.Env, e => e.Name == "LLAMA_CACHE").Value);
        Assert.Equal(["model-cache=/models"], Mounts(server));
        Assert.Equal(("/health", 10, 180), Http(server.StartupProbe));
        Assert.Equal(("/health", 5, 3), Http(server.ReadinessProbe));
        Assert.Equal((1000L, 1000L, 1000L), (pod.SecurityContext.RunAsUser, pod.SecurityContext.RunAsGroup, pod.SecurityContext.FsGroup));
        AssertConfined(pod, server, nonRoot: true);
        Assert.Equal(["sleep", "30"], server.Lifecycle.PreStop.Exec.Command);
    }

    [Fact]
    public void A_mock_pod_has_no_volumes_and_no_drain_and_a_minute_to_stop()
    {
        var deployment = Deployment(Model(InferenceEngine.Mock));
        var pod = deployment.Spec.Template.Spec;
        var server = Server(deployment);

        Assert.Null(pod.Volumes);
        Assert.Null(server.VolumeMounts);
        Assert.Null(server.Lifecycle);
        Assert.Equal(("/health", 10, 12), Http(server.StartupProbe));
        Assert.Equal(("/health", 5, 3), Http(server.ReadinessProbe));
        Assert.Equal(60, pod.TerminationGracePeriodSeconds);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm, "/home/vllm/.cache/huggingface")]
    [InlineData(InferenceEngine.Tgi, "/data")]
    [InlineData(InferenceEngine.Ollama, "/root/.ollama")]
    [InlineData(InferenceEngine.LlamaCpp, "/models")]
    public void A_model_cache_claim_is_mounted_where_the_engine_keeps_its_weights(InferenceEngine engine, string path)
    {
        var deployment = Deployment(Model(engine, s => s.ModelCache = new ModelCache { ClaimName = "hf-cache" }));

        var cache = Volume(deployment.Spec.Template.Spec, "model-cache");
        Assert.Equal("hf-cache", cache.PersistentVolumeClaim.ClaimName);
        Assert.Null(cache.EmptyDir);
        Assert.Contains($"model-cache={path}", Mounts(Server(deployment)));
    }

    [Fact]
    public void A_sized_model_cache_is_an_empty_dir_of_that_size()
    {
        var deployment = Deployment(Model(change: s => s.ModelCache = new ModelCache { SizeLimit = "40Gi" }));

        var cache = Volume(deployment.Spec.Template.Spec, "model-cache");
        Assert.Null(cache.PersistentVolumeClaim);
        Assert.Equal("40Gi", cache.EmptyDir.SizeLimit.ToString());
        Assert.Null(cache.EmptyDir.Medium);
    }

    [Fact]
    public void The_hugging_face_token_and_the_api_key_are_secret_references_the_kubelet_resolves()
    {
        var model = Model(change: s =>
        {
            s.Model.TokenSecretRef = new SecretKeyReference { Name = "huggingface", Key = "token" };
            s.Server = new ServerSettings { ApiKeySecretRef = new SecretKeyReference { Name = "llama-key", Key = "key" } };
        });

        var env = Server(Deployment(model)).Env;

        Assert.Equal(
            ["HF_TOKEN=huggingface/token", "VLLM_API_KEY=llama-key/key"],
            env.Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => $"{e.Name}={e.ValueFrom.SecretKeyRef.Name}/{e.ValueFrom.SecretKeyRef.Key}"));
        Assert.All(env, e => Assert.False(e.Value is not null && e.ValueFrom is not null));
    }

    [Fact]
    public void Spec_server_sets_the_startup_budget_the_drain_and_the_shared_memory()
    {
        var deployment = Deployment(Model(change: s => s.Server = new ServerSettings { StartupSeconds = 3605, DrainSeconds = 90, SharedMemorySize = "8Gi" }));
        var pod = deployment.Spec.Template.Spec;
        var server = Server(deployment);

        Assert.Equal(361, server.StartupProbe.FailureThreshold);
        Assert.Equal(["sleep", "90"], server.Lifecycle.PreStop.Exec.Command);
        Assert.Equal(120, pod.TerminationGracePeriodSeconds);
        Assert.Equal("8Gi", Volume(pod, "shm").EmptyDir.SizeLimit.ToString());
    }

    [Fact]
    public void No_drain_renders_no_pre_stop_hook()
    {
        var deployment = Deployment(Model(change: s => s.Server = new ServerSettings { DrainSeconds = 0 }));

        Assert.Null(Server(deployment).Lifecycle);
        Assert.Equal(30, deployment.Spec.Template.Spec.TerminationGracePeriodSeconds);
    }

    [Fact]
    public void Another_image_of_an_engine_keeps_its_volumes_and_probes_without_security_contexts()
    {
        var deployment = Deployment(Model(change: s => s.Image = "registry.example.com/vllm:custom"));
        var server = Server(deployment);

        Assert.Null(deployment.Spec.Template.Spec.SecurityContext);
        Assert.Null(server.SecurityContext);
        Assert.Equal(["model-cache=/home/vllm/.cache/huggingface", "shm=/dev/shm"], Mounts(server));
        Assert.Equal("/health", server.StartupProbe.HttpGet.Path);
    }

    [Fact]
    public void The_main_stable_and_canary_services_are_named_after_the_model()
    {
        var services = ModelDeploymentRenderer.Services(Model(), new TrafficTargets(null, "stable1234", "canary1234", 20), rolloutServices: true);

        Assert.Equal(["llama", "llama-stable", "llama-canary"], services.Select(s => s.Metadata.Name));
        Assert.All(services, s => Assert.Equal("ml", s.Metadata.NamespaceProperty));
        Assert.All(services, s => Assert.Equal("llm-operator", s.Metadata.Labels["app.kubernetes.io/managed-by"]));
    }

    [Fact]
    public void Without_a_rollout_that_needs_them_only_the_main_service_is_rendered()
    {
        var services = ModelDeploymentRenderer.Services(Model(), new TrafficTargets("stable1234", "stable1234", "stable1234", 0), rolloutServices: false);

        Assert.Equal("llama", Assert.Single(services).Metadata.Name);
    }

    [Fact]
    public void The_stable_and_canary_services_select_their_revision_by_model_label_without_managed_by()
    {
        var services = ModelDeploymentRenderer.Services(Model(), new TrafficTargets("stable1234", "stable1234", "canary1234", 0), rolloutServices: true);

        Assert.Equal(
            new Dictionary<string, string> { ["llmoperator.io/model"] = "llama", ["llmoperator.io/revision"] = "stable1234" },
            services[1].Spec.Selector);
        Assert.Equal(
            new Dictionary<string, string> { ["llmoperator.io/model"] = "llama", ["llmoperator.io/revision"] = "canary1234" },
            services[2].Spec.Selector);
        Assert.Equal("stable1234", services[0].Spec.Selector["llmoperator.io/revision"]);
    }

    [Fact]
    public void The_main_service_without_a_revision_selects_every_revision_of_the_model()
    {
        var main = ModelDeploymentRenderer.Services(Model(), new TrafficTargets(null, "stable1234", "canary1234", 50), rolloutServices: true)[0];

        Assert.Equal(new Dictionary<string, string> { ["llmoperator.io/model"] = "llama" }, main.Spec.Selector);
    }

    [Fact]
    public void Services_send_port_80_to_the_pods_http_port()
    {
        var service = ModelDeploymentRenderer.Service(Model(), "llama-stable", "stable1234");

        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((80, "http", "TCP"), (port.Port, port.TargetPort.Value, port.Protocol));
    }

    [Fact]
    public void The_route_is_named_after_the_model_and_copies_parent_refs_and_hostnames()
    {
        var route = ModelDeploymentRenderer.Route(Model(), Routing(), new TrafficTargets("stable1234", "stable1234", "canary1234", 0));

        Assert.Equal(("llama", "ml"), (route.Metadata.Name, route.Metadata.NamespaceProperty));
        var parent = Assert.Single(route.Spec.ParentRefs);
        Assert.Equal(("public", "gateways", "https"), (parent.Name, parent.Namespace, parent.SectionName));
        Assert.Equal(["llama.example.com"], route.Spec.Hostnames);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(30, 70)]
    [InlineData(100, 0)]
    public void The_route_gives_the_canary_its_weight_and_the_stable_service_the_rest(int canary, int stable)
    {
        var route = ModelDeploymentRenderer.Route(Model(), Routing(), new TrafficTargets(null, "stable1234", "canary1234", canary));

        var backends = Assert.Single(route.Spec.Rules).BackendRefs;
        Assert.Equal([("llama-stable", 80, stable), ("llama-canary", 80, canary)], backends.Select(b => (b.Name, b.Port, b.Weight)));
    }
}
