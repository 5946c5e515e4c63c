using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.ModelDeployments.Rendering;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Adapters;

/// <summary>
/// What serving adapters renders, checked against vLLM's LoRA docs (https://docs.vllm.ai/en/latest/features/lora/):
/// --enable-lora, --max-loras and --max-lora-rank, VLLM_ALLOW_RUNTIME_LORA_UPDATING=True for /v1/load_lora_adapter,
/// and lora_path as that endpoint reads it (a Hugging Face repository id it downloads, or a local path). The
/// adapters themselves are never in the pod template nor the revision.
/// </summary>
public class LoraRenderingTests
{
    private const string OperatorImage = "ghcr.io/llmoperator/llmop:0.1.0";

    private static ModelDeploymentSpec Spec(InferenceEngine engine = InferenceEngine.Vllm, params LoraAdapter[] adapters) => new()
    {
        Model = new ModelSource { Name = "meta-llama/Llama-3.1-8B-Instruct", ServedName = "llama" },
        Engine = engine,
        Args = ["--max-model-len", "4096"],
        Adapters = [.. adapters],
    };

    private static LoraAdapter Adapter(string source, string name = "sql") => new() { Name = name, Source = source };

    private static V1Deployment Render(ModelDeploymentSpec spec)
    {
        var model = new ModelDeployment { Metadata = new V1ObjectMeta { Name = "llama", NamespaceProperty = "ml" }, Spec = spec };
        return ModelDeploymentRenderer.Deployment(model, Revision.Of(spec), EngineProfiles.Resolve(spec, OperatorImage), 1);
    }

    [Fact]
    public void Vllm_with_adapters_enables_lora_with_its_capacity_before_the_spec_s_arguments_and_allows_runtime_loading()
    {
        var container = Render(Spec(adapters: Adapter("hf://acme/sql-lora"))).Spec.Template.Spec.Containers[0];

        Assert.Equal(
            ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--served-model-name", "llama", "--port", "8000",
                "--enable-lora", "--max-loras", "4", "--max-lora-rank", "16", "--max-model-len", "4096"],
            container.Args);
        Assert.Contains(container.Env, e => (e.Name, e.Value) == ("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True"));
    }

    [Fact]
    public void Pods_that_serve_adapters_are_labelled_for_the_operator_to_watch_outside_the_deployment_s_selector()
    {
        var deployment = Render(Spec(adapters: Adapter("hf://acme/sql-lora")));
        var none = Spec();
        none.Adapters = null;

        Assert.Equal("true", deployment.Spec.Template.Metadata.Labels["llmoperator.io/lora"]);
        Assert.False(deployment.Spec.Selector.MatchLabels.ContainsKey("llmoperator.io/lora"));
        Assert.False(deployment.Metadata.Labels.ContainsKey("llmoperator.io/lora"));
        Assert.False(Render(none).Spec.Template.Metadata.Labels.ContainsKey("llmoperator.io/lora"));
    }

    // KEP-580 pod readiness gates (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate).
    [Fact]
    public void Pods_that_serve_adapters_wait_for_them_behind_a_readiness_gate_and_others_have_none()
    {
        var none = Spec();
        none.Adapters = null;

        var gate = Assert.Single(Render(Spec(adapters: Adapter("hf://acme/sql-lora"))).Spec.Template.Spec.ReadinessGates);
        Assert.Equal("llmoperator.io/adapters-loaded", gate.ConditionType);
        Assert.Null(Render(none).Spec.Template.Spec.ReadinessGates);
    }

    [Fact]
    public void Spec_lora_sets_max_loras_and_max_lora_rank_and_keeps_lora_on_without_adapters()
    {
        var spec = Spec();
        spec.Adapters = null;
        spec.Lora = new LoraSettings { MaxLoras = 8, MaxLoraRank = 64 };

        Assert.Equal(["--enable-lora", "--max-loras", "8", "--max-lora-rank", "64"], EngineProfiles.Resolve(spec, OperatorImage).Args.Skip(6).Take(5));
    }

    [Fact]
    public void Without_adapters_or_lora_nothing_of_lora_is_rendered()
    {
        var spec = Spec();
        spec.Adapters = null;
        var container = Render(spec).Spec.Template.Spec.Containers[0];

        Assert.DoesNotContain("--enable-lora", container.Args);
        Assert.DoesNotContain(container.Env, e => e.Name == "VLLM_ALLOW_RUNTIME_LORA_UPDATING");
        Assert.DoesNotContain(Render(spec).Spec.Template.Spec.Volumes ?? [], v => v.PersistentVolumeClaim is not null);
        Assert.DoesNotContain(container.VolumeMounts ?? [], m => m.MountPath.StartsWith("/adapters", StringComparison.Ordinal));
    }

    [Fact]
    public void The_mock_engine_gets_vllm_s_flags_and_environment()
    {
        var profile = EngineProfiles.Resolve(Spec(InferenceEngine.Mock, Adapter("https://adapters.example/sql?quality=0.5")), OperatorImage);

        Assert.Equal(["--enable-lora", "--max-loras", "4", "--max-lora-rank", "16"], profile.Args.Skip(7).Take(5));
        Assert.Contains(profile.Env, e => e.Name == "VLLM_ALLOW_RUNTIME_LORA_UPDATING" && e.Value == "True");
    }

    [Fact]
    public void Each_claim_adapters_come_from_is_mounted_read_only_once_under_adapters()
    {
        var pod = Render(Spec(adapters: [Adapter("pvc://loras/sql/v2"), Adapter("pvc://loras/chat/v1", "chat"), Adapter("pvc://shared/x", "x")]))
            .Spec.Template.Spec;

        // Beside the engine's own volumes (vLLM's /dev/shm): only the adapters' claims are persistent volumes here.
        var claims = pod.Volumes.Where(v => v.PersistentVolumeClaim is not null).ToList();
        var mounts = pod.Containers[0].VolumeMounts.Where(m => m.MountPath.StartsWith("/adapters/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("loras", true), ("shared", true)], claims.Select(v => (v.PersistentVolumeClaim.ClaimName, v.PersistentVolumeClaim.ReadOnlyProperty!.Value)));
        Assert.Equal(["/adapters/loras", "/adapters/shared"], mounts.Select(m => m.MountPath));
        Assert.All(mounts, m => Assert.True(m.ReadOnlyProperty));
        Assert.Equal(claims.Select(v => v.Name), mounts.Select(m => m.Name));
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm, "hf://acme/sql-lora", "acme/sql-lora")]
    [InlineData(InferenceEngine.Vllm, "pvc://loras/sql/v2", "/adapters/loras/sql/v2")]
    [InlineData(InferenceEngine.Mock, "https://adapters.example/sql?quality=0.5", "https://adapters.example/sql?quality=0.5")]
    [InlineData(InferenceEngine.Mock, "hf://acme/sql-lora", "hf://acme/sql-lora")]
    public void The_lora_path_is_what_the_engine_loads(InferenceEngine engine, string source, string path)
    {
        Assert.Equal(path, AdapterSource.LoraPath(engine, source));
    }

    [Fact]
    public void A_new_adapter_version_or_a_new_adapter_leaves_the_pod_template_and_the_revision_as_they_were()
    {
        var before = Spec(adapters: Adapter("hf://acme/sql-lora"));
        // Another source kind too: the adapter loader is there whatever the sources are.
        var after = Spec(adapters: [Adapter("https://adapters.example/sql-v2.tar.gz"), Adapter("pvc://loras/chat/v1", "chat")]);
        after.Adapters![1].Source = "hf://acme/chat-lora";
        after.Adapters![1].Revision = "v2";
        var none = Spec();

        Assert.Equal(Revision.Of(before), Revision.Of(after));
        Assert.Equal(Revision.Of(before), Revision.Of(none));
        Assert.Equal(KubernetesJson.Serialize(Render(before).Spec.Template), KubernetesJson.Serialize(Render(after).Spec.Template));
    }

    [Fact]
    public void Lora_s_capacity_a_new_claim_or_lora_switched_on_is_a_new_revision()
    {
        var spec = Spec(adapters: Adapter("hf://acme/sql-lora"));
        var off = Spec();
        off.Adapters = null;
        var capacity = Spec(adapters: Adapter("hf://acme/sql-lora"));
        capacity.Lora = new LoraSettings { MaxLoras = 8 };
        var claim = Spec(adapters: Adapter("pvc://loras/sql/v1"));

        Assert.Equal(4, new[] { spec, off, capacity, claim }.Select(Revision.Of).Distinct().Count());
    }

    // The adapter loader (llmop adapter-loader) fetches what vLLM's /v1/load_lora_adapter cannot read (an https:// archive, a
    // pinned Hugging Face revision) into an emptyDir the engine mounts at the same path, and reads the Hub as huggingface_hub
    // does: HF_ENDPOINT (a mirror on an air-gapped cluster) and HF_TOKEN.
    [Theory]
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Mock)]
    public void An_engine_that_loads_adapters_at_runtime_gets_the_adapter_loader_with_a_shared_empty_dir_and_the_hub_settings(InferenceEngine engine)
    {
        var spec = Spec(engine, Adapter("hf://acme/sql-lora"));
        spec.Model.TokenSecretRef = new SecretKeyReference { Name = "huggingface", Key = "token" };
        var model = new ModelDeployment { Metadata = new V1ObjectMeta { Name = "llama", NamespaceProperty = "ml" }, Spec = spec };
        var profile = EngineProfiles.Resolve(spec, OperatorImage, operatorPullSecrets: ["registry"], adapterHubEndpoint: "https://hub.mirror.internal");

        var pod = ModelDeploymentRenderer.Deployment(model, Revision.Of(spec), profile, 1).Spec.Template.Spec;

        var volume = Assert.Single(pod.Volumes, v => v.Name == "adapter-versions");
        Assert.NotNull(volume.EmptyDir);
        var server = pod.Containers[0];
        Assert.Contains(server.VolumeMounts, m => (m.Name, m.MountPath, m.ReadOnlyProperty) == ("adapter-versions", "/var/lib/llmop/adapters", true));
        var loader = Assert.Single(pod.Containers, c => c.Name == "adapter-loader");
        Assert.Equal(OperatorImage, loader.Image);
        Assert.Equal(["adapter-loader", "--host", "$(POD_IP)", "--port", "8090", "--dir", "/var/lib/llmop/adapters"], loader.Args);
        Assert.Equal(["POD_IP", "HF_ENDPOINT", "HF_TOKEN"], loader.Env.Select(e => e.Name));
        Assert.Equal("status.podIP", loader.Env[0].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("https://hub.mirror.internal", loader.Env[1].Value);
        Assert.Equal(("huggingface", "token"), (loader.Env[2].ValueFrom.SecretKeyRef.Name, loader.Env[2].ValueFrom.SecretKeyRef.Key));
        Assert.Equal(("loader", 8090), (loader.Ports.Single().Name, loader.Ports.Single().ContainerPort));
        Assert.Equal(
            ("adapter-versions", "/var/lib/llmop/adapters", null), loader.VolumeMounts.Select(m => (m.Name, m.MountPath, m.ReadOnlyProperty)).Single());
        Assert.Equal(("/healthz", "loader"), (loader.ReadinessProbe.HttpGet.Path, loader.ReadinessProbe.HttpGet.Port.Value));
        Assert.Equal("/healthz", loader.LivenessProbe.HttpGet.Path);
        Assert.Equal(("10m", "64Mi", "256Mi"), (loader.Resources.Requests["cpu"].ToString(), loader.Resources.Requests["memory"].ToString(),
            loader.Resources.Limits["memory"].ToString()));
        // The operator's image is confined as everywhere it runs, under the pod's user (vLLM's 2000 in group 0, which owns the emptyDir).
        Assert.Equal((false, true, true), (loader.SecurityContext.AllowPrivilegeEscalation, loader.SecurityContext.ReadOnlyRootFilesystem,
            loader.SecurityContext.RunAsNonRoot));
        Assert.Equal(["ALL"], loader.SecurityContext.Capabilities.Drop);
        Assert.Equal(["registry"], pod.ImagePullSecrets.Select(s => s.Name));
    }

    [Fact]
    public void Without_lora_or_on_an_engine_that_loads_no_adapters_there_is_no_adapter_loader()
    {
        var off = Spec();
        off.Adapters = null;
        var tgi = Spec(InferenceEngine.Tgi);
        tgi.Adapters = null;

        Assert.Null(EngineProfiles.Resolve(off, OperatorImage).AdapterLoader);
        Assert.Null(EngineProfiles.Resolve(tgi, OperatorImage).AdapterLoader);
        Assert.Equal(["server"], Render(off).Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.DoesNotContain(Render(off).Spec.Template.Spec.Volumes ?? [], v => v.Name == "adapter-versions");
    }
}
