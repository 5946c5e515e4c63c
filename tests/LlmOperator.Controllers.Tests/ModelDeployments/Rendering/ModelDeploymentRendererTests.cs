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

        Assert.Equal("vllm/vllm-openai:v0.6.6", container.Image);
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
    public void An_ollama_pod_is_ready_when_its_model_is_pulled_not_when_its_server_answers()
    {
        var container = Server(Deployment(Model(InferenceEngine.Ollama)));

        Assert.Equal(["/bin/sh", "-c"], container.Command);
        Assert.Null(container.ReadinessProbe.HttpGet);
        Assert.Equal(["test", "-f", "/tmp/model-ready"], container.ReadinessProbe.Exec.Command);
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
    }

    [Fact]
    public void A_mock_engine_with_its_own_image_runs_without_security_contexts()
    {
        var deployment = Deployment(Model(InferenceEngine.Mock, s => s.Image = "registry.example.com/mock:dev"));

        Assert.Null(deployment.Spec.Template.Spec.SecurityContext);
        Assert.Null(Server(deployment).SecurityContext);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Tgi)]
    [InlineData(InferenceEngine.Ollama)]
    [InlineData(InferenceEngine.LlamaCpp)]
    public void Model_server_engines_run_without_security_contexts(InferenceEngine engine)
    {
        var deployment = Deployment(Model(engine));

        Assert.Null(deployment.Spec.Template.Spec.SecurityContext);
        Assert.Null(Server(deployment).SecurityContext);
    }

    [Fact]
    public void Pods_get_a_minute_to_finish_the_requests_they_are_answering()
    {
        Assert.Equal(60, Deployment(Model()).Spec.Template.Spec.TerminationGracePeriodSeconds);
    }

    [Fact]
    public void The_main_stable_and_canary_services_are_named_after_the_model()
    {
        var services = ModelDeploymentRenderer.Services(Model(), new TrafficTargets(null, "stable1234", "canary1234", 20));

        Assert.Equal(["llama", "llama-stable", "llama-canary"], services.Select(s => s.Metadata.Name));
        Assert.All(services, s => Assert.Equal("ml", s.Metadata.NamespaceProperty));
        Assert.All(services, s => Assert.Equal("llm-operator", s.Metadata.Labels["app.kubernetes.io/managed-by"]));
    }

    [Fact]
    public void The_stable_and_canary_services_select_their_revision_by_model_label_without_managed_by()
    {
        var services = ModelDeploymentRenderer.Services(Model(), new TrafficTargets("stable1234", "stable1234", "canary1234", 0));

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
        var main = ModelDeploymentRenderer.Services(Model(), new TrafficTargets(null, "stable1234", "canary1234", 50))[0];

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
