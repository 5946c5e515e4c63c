using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Controllers.Engines;

namespace LlmOperator.Controllers.Tests.Engines;

public class EngineProfilesTests
{
    private const string OperatorImage = "ghcr.io/llmoperator/llmop:0.1.0";

    private static ModelDeploymentSpec Spec(
        InferenceEngine engine, string model = "meta-llama/Llama-3.1-8B-Instruct", string? revision = null, string? servedName = null) => new()
        {
            Model = new ModelSource { Name = model, Revision = revision, ServedName = servedName },
            Engine = engine,
        };

    private static ServingProfile Resolve(ModelDeploymentSpec spec) => EngineProfiles.Resolve(spec, OperatorImage);

    [Fact]
    public void Vllm_loads_the_model_under_its_served_name_on_port_8000()
    {
        var profile = Resolve(Spec(InferenceEngine.Vllm, servedName: "llama"));

        Assert.True(profile.RunsPods);
        Assert.Equal("vllm/vllm-openai:v0.26.0", profile.Image);
        Assert.Empty(profile.Command);
        Assert.Equal(["--model", "meta-llama/Llama-3.1-8B-Instruct", "--served-model-name", "llama", "--port", "8000"], profile.Args);
        Assert.Equal(8000, profile.Port);
        Assert.Equal("/health", profile.HealthPath);
        Assert.Equal("/v1", profile.ApiBasePath);
        Assert.Equal("llama", profile.ServedModel);
        Assert.Null(profile.StartupCommand);
    }

    [Fact]
    public void Vllm_serves_the_model_name_when_no_served_name_is_given()
    {
        var profile = Resolve(Spec(InferenceEngine.Vllm));

        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", profile.ServedModel);
        Assert.Equal(
            ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--served-model-name", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8000"],
            profile.Args);
    }

    [Fact]
    public void Vllm_pins_the_model_revision()
    {
        var profile = Resolve(Spec(InferenceEngine.Vllm, revision: "5206a32"));

        Assert.Equal(["--revision", "5206a32"], profile.Args.TakeLast(2));
    }

    [Fact]
    public void Tgi_loads_the_model_id_on_port_8080_and_pins_the_revision()
    {
        var profile = Resolve(Spec(InferenceEngine.Tgi, revision: "main", servedName: "llama"));

        Assert.Equal("ghcr.io/huggingface/text-generation-inference:3.3.7", profile.Image);
        Assert.Equal(["--model-id", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8080", "--revision", "main"], profile.Args);
        Assert.Equal(8080, profile.Port);
        Assert.Equal("/health", profile.HealthPath);
        Assert.Equal("/v1", profile.ApiBasePath);
        Assert.Equal("llama", profile.ServedModel);
    }

    [Fact]
    public void Tgi_without_a_revision_passes_no_revision_flag()
    {
        var profile = Resolve(Spec(InferenceEngine.Tgi));

        Assert.DoesNotContain("--revision", profile.Args);
    }

    [Fact]
    public void Ollama_runs_a_script_that_pulls_the_model_serves_it_under_its_served_name_and_loads_it_before_it_counts_as_started()
    {
        var profile = Resolve(Spec(InferenceEngine.Ollama, model: "llama3.1:8b", servedName: "llama-chat"));

        Assert.Equal("ollama/ollama:0.32.15", profile.Image);
        Assert.Equal(["/bin/sh", "-c"], profile.Command);
        var script = Assert.Single(profile.Args);
        Assert.Contains("ollama pull \"$LLMOP_MODEL\" || ollama show \"$LLMOP_MODEL\"", script, StringComparison.Ordinal);
        Assert.Contains("ollama cp \"$LLMOP_MODEL\" \"$LLMOP_SERVED_MODEL\"", script, StringComparison.Ordinal);
        Assert.Contains("ollama run \"$LLMOP_SERVED_MODEL\" \"\" </dev/null", script, StringComparison.Ordinal);
        Assert.Equal(
            ["OLLAMA_HOST=0.0.0.0:11434", "OLLAMA_KEEP_ALIVE=-1", "LLMOP_MODEL=llama3.1:8b", "LLMOP_SERVED_MODEL=llama-chat"],
            profile.Env.Select(e => $"{e.Name}={e.Value}"));
        Assert.Equal(["test", "-f", "/tmp/model-ready"], profile.StartupCommand);
        Assert.Equal(11434, profile.Port);
        Assert.Equal("/", profile.HealthPath);
        Assert.Equal("/v1", profile.ApiBasePath);
        Assert.Equal("llama-chat", profile.ServedModel);
    }

    [Fact]
    public void Ollama_serves_the_tag_it_pulls_when_no_served_name_is_given()
    {
        var profile = Resolve(Spec(InferenceEngine.Ollama, model: "llama3.1:8b"));

        Assert.Equal("llama3.1:8b", profile.ServedModel);
        Assert.Equal("llama3.1:8b", profile.Env.Single(e => e.Name == "LLMOP_SERVED_MODEL").Value);
    }

    [Fact]
    public void Ollama_does_not_append_spec_args_to_its_shell_script()
    {
        var spec = Spec(InferenceEngine.Ollama, model: "llama3.1:8b");
        spec.Args = ["--verbose"];

        var profile = Resolve(spec);

        Assert.Single(profile.Args);
        Assert.DoesNotContain("--verbose", profile.Args);
    }

    [Fact]
    public void Llamacpp_loads_the_hugging_face_repo_under_its_alias_on_port_8080()
    {
        var profile = Resolve(Spec(InferenceEngine.LlamaCpp, model: "bartowski/Llama-3.2-1B-Instruct-GGUF", servedName: "llama"));

        Assert.Equal("ghcr.io/ggml-org/llama.cpp:server-b9628", profile.Image);
        Assert.Equal(["--hf-repo", "bartowski/Llama-3.2-1B-Instruct-GGUF", "--alias", "llama", "--host", "0.0.0.0", "--port", "8080"], profile.Args);
        Assert.Equal(8080, profile.Port);
        Assert.Equal("/health", profile.HealthPath);
        Assert.Equal("/v1", profile.ApiBasePath);
        Assert.Equal("llama", profile.ServedModel);
    }

    [Fact]
    public void Llamacpp_with_an_nvidia_gpu_runs_the_cuda_build_of_the_same_release()
    {
        // llama.cpp's docs (docs/docker.md): the server image is the CPU build; server-cuda is the CUDA one.
        var spec = Spec(InferenceEngine.LlamaCpp, model: "bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M");
        spec.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") } };

        Assert.Equal("ghcr.io/ggml-org/llama.cpp:server-cuda-b9628", Resolve(spec).Image);
    }

    [Fact]
    public void A_mock_engine_runs_restricted_with_the_operator_image_on_the_pod_ip()
    {
        var profile = Resolve(Spec(InferenceEngine.Mock, model: "llama-3.1-8b", servedName: "llama"));

        Assert.Equal(PodSecurity.OperatorImage, profile.Security);
        Assert.Equal(OperatorImage, profile.Image);
        Assert.Equal(["mock-llm", "--port", "8000", "--host", "$(POD_IP)", "--model", "llama"], profile.Args);
        var podIp = Assert.Single(profile.Env);
        Assert.Equal(("POD_IP", "status.podIP"), (podIp.Name, podIp.ValueFrom.FieldRef.FieldPath));
        Assert.Equal(8000, profile.Port);
        Assert.Equal("/health", profile.HealthPath);
        Assert.Equal("llama", profile.ServedModel);
    }

    [Fact]
    public void A_mock_engine_with_its_own_image_sets_no_security()
    {
        var spec = Spec(InferenceEngine.Mock);
        spec.Image = "registry.example.com/mock:dev";

        var profile = Resolve(spec);

        Assert.Equal("registry.example.com/mock:dev", profile.Image);
        Assert.Null(profile.Security);
    }

    [Theory]
    // docs.vllm.ai, Using Docker, "Run as a non-root user": the image is prepared for its vllm user, UID 2000 in group 0.
    [InlineData(InferenceEngine.Vllm, "user 2000, group 0")]
    // TGI's Dockerfile (3.3.7): its Python runs from /root/.local, which no other user can enter.
    [InlineData(InferenceEngine.Tgi, "root")]
    // Ollama's docs/docker.mdx keeps models and its key in /root/.ollama.
    [InlineData(InferenceEngine.Ollama, "root")]
    // llama.cpp's .devops Dockerfiles: one binary on Ubuntu 24.04 (user ubuntu is UID 1000) that writes only LLAMA_CACHE.
    [InlineData(InferenceEngine.LlamaCpp, "user 1000, group 1000")]
    [InlineData(InferenceEngine.Mock, "operator image")]
    [InlineData(InferenceEngine.Pipeline, "operator image")]
    [InlineData(InferenceEngine.Custom, null)]
    [InlineData(InferenceEngine.External, null)]
    public void Each_engine_runs_as_the_user_its_image_is_prepared_for(InferenceEngine engine, string? security)
    {
        var spec = Spec(engine, model: engine == InferenceEngine.Ollama ? "llama3.1:8b" : "bartowski/Llama-3.2-1B-Instruct-GGUF");
        spec.Image = engine == InferenceEngine.Custom ? "registry.example.com/server:1" : null;

        var actual = Resolve(spec).Security switch
        {
            null => null,
            var s when s == PodSecurity.OperatorImage => "operator image",
            var s when s == PodSecurity.Root => "root",
            var s => $"user {s.User}, group {s.Group}",
        };

        Assert.Equal(security, actual);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Tgi)]
    [InlineData(InferenceEngine.LlamaCpp)]
    public void Another_image_of_a_model_server_sets_no_security_since_it_may_need_another_user(InferenceEngine engine)
    {
        var spec = Spec(engine, model: "bartowski/Llama-3.2-1B-Instruct-GGUF");
        spec.Image = "registry.example.com/server:1";

        Assert.Null(Resolve(spec).Security);
    }

    [Fact]
    public void A_custom_engine_runs_the_spec_image_with_only_the_spec_args_on_port_8000()
    {
        var spec = Spec(InferenceEngine.Custom, model: "my-model", servedName: "mine");
        spec.Image = "registry.example.com/server:1";
        spec.Args = ["serve", "--listen", ":8000"];

        var profile = Resolve(spec);

        Assert.True(profile.RunsPods);
        Assert.Equal("registry.example.com/server:1", profile.Image);
        Assert.Empty(profile.Command);
        Assert.Equal(["serve", "--listen", ":8000"], profile.Args);
        Assert.Empty(profile.Env);
        Assert.Equal(8000, profile.Port);
        Assert.Equal("/health", profile.HealthPath);
        Assert.Equal("/v1", profile.ApiBasePath);
        Assert.Equal("mine", profile.ServedModel);
    }

    [Fact]
    public void An_external_engine_runs_no_pods_and_trims_the_trailing_slash_of_its_base_url()
    {
        var spec = Spec(InferenceEngine.External, model: "gpt-4o-mini");
        spec.External = new ExternalEndpoint { BaseUrl = "https://api.example.com/v1/" };

        var profile = Resolve(spec);

        Assert.False(profile.RunsPods);
        Assert.Null(profile.Image);
        Assert.Empty(profile.Args);
        Assert.Equal("https://api.example.com/v1", profile.ExternalBaseUrl);
        Assert.Equal("gpt-4o-mini", profile.ServedModel);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Tgi)]
    [InlineData(InferenceEngine.LlamaCpp)]
    [InlineData(InferenceEngine.Mock)]
    public void Spec_args_come_after_the_engine_args(InferenceEngine engine)
    {
        var plain = Resolve(Spec(engine));
        var spec = Spec(engine);
        spec.Args = ["--max-model-len", "4096"];

        var profile = Resolve(spec);

        Assert.Equal([.. plain.Args, "--max-model-len", "4096"], profile.Args);
    }

    [Fact]
    public void Spec_image_replaces_the_engine_image()
    {
        var spec = Spec(InferenceEngine.Vllm);
        spec.Image = "vllm/vllm-openai:v0.7.0";

        Assert.Equal("vllm/vllm-openai:v0.7.0", Resolve(spec).Image);
    }

    [Fact]
    public void Spec_server_overrides_the_health_and_api_base_paths()
    {
        var spec = Spec(InferenceEngine.Vllm);
        spec.Server = new ServerSettings { HealthPath = "/ready", ApiBasePath = "/openai/v1" };

        var profile = Resolve(spec);

        Assert.Equal("/ready", profile.HealthPath);
        Assert.Equal("/openai/v1", profile.ApiBasePath);
        Assert.Equal(8000, profile.Port);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Tgi)]
    [InlineData(InferenceEngine.LlamaCpp)]
    [InlineData(InferenceEngine.Mock)]
    public void Spec_server_port_is_the_container_port_and_the_port_the_engine_listens_on(InferenceEngine engine)
    {
        var spec = Spec(engine);
        spec.Server = new ServerSettings { Port = 9000 };

        var profile = Resolve(spec);

        Assert.Equal(9000, profile.Port);
        Assert.Equal("9000", profile.Args.SkipWhile(a => a != "--port").ElementAtOrDefault(1));
    }

    [Fact]
    public void Spec_server_port_moves_where_ollama_listens()
    {
        var spec = Spec(InferenceEngine.Ollama, model: "llama3.1:8b");
        spec.Server = new ServerSettings { Port = 9000 };

        var profile = Resolve(spec);

        Assert.Equal(9000, profile.Port);
        Assert.Equal("0.0.0.0:9000", profile.Env.Single(e => e.Name == "OLLAMA_HOST").Value);
    }

    [Fact]
    public void Spec_server_port_is_the_port_of_a_custom_engine()
    {
        var spec = Spec(InferenceEngine.Custom);
        spec.Image = "registry.example.com/server:1";
        spec.Server = new ServerSettings { Port = 3000 };

        Assert.Equal(3000, Resolve(spec).Port);
    }

    [Theory]
    // docs.vllm.ai, engine arguments: --max-model-len. TGI launcher: --max-total-tokens (prompt and answer).
    // llama.cpp tools/server/README.md: --ctx-size. Ollama docs/faq.mdx: OLLAMA_CONTEXT_LENGTH (0.5.13 and later).
    [InlineData(InferenceEngine.Vllm, "--max-model-len")]
    [InlineData(InferenceEngine.Tgi, "--max-total-tokens")]
    [InlineData(InferenceEngine.LlamaCpp, "--ctx-size")]
    [InlineData(InferenceEngine.Ollama, "OLLAMA_CONTEXT_LENGTH")]
    public void The_context_length_reaches_each_engine_as_its_docs_name_it(InferenceEngine engine, string setting)
    {
        var spec = Spec(engine, model: engine == InferenceEngine.Ollama ? "llama3.1:8b" : "bartowski/Llama-3.2-1B-Instruct-GGUF");
        spec.Model.ContextLength = 8192;

        var profile = Resolve(spec);

        var value = engine == InferenceEngine.Ollama
            ? profile.Env.Single(e => e.Name == setting).Value
            : profile.Args.SkipWhile(a => a != setting).ElementAtOrDefault(1);
        Assert.Equal("8192", value);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Tgi)]
    [InlineData(InferenceEngine.LlamaCpp)]
    [InlineData(InferenceEngine.Ollama)]
    public void Without_a_context_length_each_engine_keeps_its_own_default(InferenceEngine engine)
    {
        var profile = Resolve(Spec(engine, model: engine == InferenceEngine.Ollama ? "llama3.1:8b" : "bartowski/Llama-3.2-1B-Instruct-GGUF"));

        Assert.DoesNotContain(profile.Args, a => a is "--max-model-len" or "--max-total-tokens" or "--ctx-size");
        Assert.DoesNotContain(profile.Env, e => e.Name == "OLLAMA_CONTEXT_LENGTH");
    }

    [Theory]
    // vLLM: --api-key or VLLM_API_KEY (vllm/entrypoints/openai/api_server.py). TGI launcher: --api-key, env API_KEY.
    // llama.cpp tools/server/README.md: --api-key, env LLAMA_API_KEY.
    [InlineData(InferenceEngine.Vllm, "VLLM_API_KEY")]
    [InlineData(InferenceEngine.Tgi, "API_KEY")]
    [InlineData(InferenceEngine.LlamaCpp, "LLAMA_API_KEY")]
    [InlineData(InferenceEngine.Mock, "LLMOP_API_KEY")]
    public void The_api_key_reaches_the_server_from_its_secret_through_the_kubelet(InferenceEngine engine, string variable)
    {
        var spec = Spec(engine, model: "bartowski/Llama-3.2-1B-Instruct-GGUF");
        spec.Server = new ServerSettings { ApiKeySecretRef = new SecretKeyReference { Name = "llama-key", Key = "key" } };

        var profile = Resolve(spec);

        var key = Assert.Single(profile.Env, e => e.Name == variable);
        Assert.Null(key.Value);
        Assert.Equal(("llama-key", "key"), (key.ValueFrom.SecretKeyRef.Name, key.ValueFrom.SecretKeyRef.Key));
        Assert.DoesNotContain(profile.Args, a => a.Contains("llama-key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mock_server_with_an_api_key_requires_it_from_its_variable()
    {
        var spec = Spec(InferenceEngine.Mock);
        spec.Server = new ServerSettings { ApiKeySecretRef = new SecretKeyReference { Name = "llama-key", Key = "key" } };

        Assert.Equal(["--api-key", "$(LLMOP_API_KEY)"], Resolve(spec).Args.TakeLast(2));
    }

    [Theory]
    // Hugging Face hub reads HF_TOKEN for gated and private repositories; vLLM, TGI and llama.cpp (-hft, env HF_TOKEN) all use it.
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Tgi)]
    [InlineData(InferenceEngine.LlamaCpp)]
    [InlineData(InferenceEngine.Custom)]
    public void The_hugging_face_token_reaches_the_server_as_hf_token_from_its_secret(InferenceEngine engine)
    {
        var spec = Spec(engine, model: "bartowski/Llama-3.2-1B-Instruct-GGUF");
        spec.Image = engine == InferenceEngine.Custom ? "registry.example.com/server:1" : null;
        spec.Model.TokenSecretRef = new SecretKeyReference { Name = "huggingface", Key = "token" };

        var token = Assert.Single(Resolve(spec).Env, e => e.Name == "HF_TOKEN");

        Assert.Equal(("huggingface", "token"), (token.ValueFrom.SecretKeyRef.Name, token.ValueFrom.SecretKeyRef.Key));
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm, 1800)]
    [InlineData(InferenceEngine.Tgi, 1800)]
    [InlineData(InferenceEngine.Ollama, 1800)]
    [InlineData(InferenceEngine.LlamaCpp, 1800)]
    [InlineData(InferenceEngine.Mock, 120)]
    [InlineData(InferenceEngine.Pipeline, 120)]
    public void Model_servers_get_half_an_hour_to_load_their_model_and_the_operators_own_servers_two_minutes(InferenceEngine engine, int seconds)
    {
        var profile = Resolve(Spec(engine, model: engine == InferenceEngine.Ollama ? "llama3.1:8b" : "bartowski/Llama-3.2-1B-Instruct-GGUF"));

        Assert.Equal(seconds, profile.StartupSeconds);
        Assert.Equal(seconds + 600, profile.DefaultProgressDeadlineSeconds);
    }

    [Fact]
    public void Spec_server_startup_seconds_set_the_startup_budget_and_the_default_progress_deadline()
    {
        var spec = Spec(InferenceEngine.Vllm);
        spec.Server = new ServerSettings { StartupSeconds = 3600 };

        var profile = Resolve(spec);

        Assert.Equal((3600, 4200), (profile.StartupSeconds, profile.DefaultProgressDeadlineSeconds));
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm, 30)]
    [InlineData(InferenceEngine.Tgi, 30)]
    [InlineData(InferenceEngine.Ollama, 30)]
    [InlineData(InferenceEngine.LlamaCpp, 30)]
    [InlineData(InferenceEngine.Mock, null)]
    [InlineData(InferenceEngine.Pipeline, null)]
    [InlineData(InferenceEngine.Custom, null)]
    public void Servers_whose_image_has_a_shell_drain_for_thirty_seconds_before_they_stop(InferenceEngine engine, int? seconds)
    {
        var spec = Spec(engine, model: engine == InferenceEngine.Ollama ? "llama3.1:8b" : "bartowski/Llama-3.2-1B-Instruct-GGUF");
        spec.Image = engine == InferenceEngine.Custom ? "registry.example.com/server:1" : null;

        Assert.Equal(seconds, Resolve(spec).DrainSeconds);
    }

    [Fact]
    public void Spec_server_drain_seconds_replace_the_default_drain()
    {
        var spec = Spec(InferenceEngine.Tgi);
        spec.Server = new ServerSettings { DrainSeconds = 120 };

        Assert.Equal(120, Resolve(spec).DrainSeconds);
    }

    [Theory]
    // docs.vllm.ai, Kubernetes deployment: an emptyDir of medium Memory, 2Gi, at /dev/shm. TGI README, "A note on
    // Shared Memory (shm)": --shm-size 1g. The others share no memory between processes.
    [InlineData(InferenceEngine.Vllm, "2Gi")]
    [InlineData(InferenceEngine.Tgi, "1Gi")]
    [InlineData(InferenceEngine.Ollama, null)]
    [InlineData(InferenceEngine.LlamaCpp, null)]
    [InlineData(InferenceEngine.Mock, null)]
    public void Vllm_and_tgi_get_the_shared_memory_their_docs_ask_for(InferenceEngine engine, string? size)
    {
        var profile = Resolve(Spec(engine, model: engine == InferenceEngine.Ollama ? "llama3.1:8b" : "bartowski/Llama-3.2-1B-Instruct-GGUF"));

        Assert.Equal(size, profile.SharedMemorySize);
    }

    [Fact]
    public void Spec_server_shared_memory_size_replaces_the_engine_default()
    {
        var spec = Spec(InferenceEngine.Vllm);
        spec.Server = new ServerSettings { SharedMemorySize = "16Gi" };

        Assert.Equal("16Gi", Resolve(spec).SharedMemorySize);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm, "/home/vllm/.cache/huggingface")]
    [InlineData(InferenceEngine.Tgi, "/data")]
    [InlineData(InferenceEngine.Ollama, "/root/.ollama")]
    [InlineData(InferenceEngine.LlamaCpp, "/models")]
    [InlineData(InferenceEngine.Mock, null)]
    [InlineData(InferenceEngine.Pipeline, null)]
    public void Each_model_server_keeps_its_weights_where_its_docs_say(InferenceEngine engine, string? path)
    {
        var profile = Resolve(Spec(engine, model: engine == InferenceEngine.Ollama ? "llama3.1:8b" : "bartowski/Llama-3.2-1B-Instruct-GGUF"));

        Assert.Equal(path, profile.CachePath);
    }
}
