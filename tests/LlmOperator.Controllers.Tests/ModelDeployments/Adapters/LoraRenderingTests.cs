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
        var after = Spec(adapters: [Adapter("hf://acme/sql-lora-v2"), Adapter("pvc://loras/chat/v1", "chat")]);
        after.Adapters![1].Source = "hf://acme/chat-lora";
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
}
