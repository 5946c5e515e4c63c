using k8s.Models;
using LlmOperator.Api.V1Alpha1;
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
        Assert.Equal("vllm/vllm-openai:v0.6.6", profile.Image);
        Assert.Empty(profile.Command);
        Assert.Equal(["--model", "meta-llama/Llama-3.1-8B-Instruct", "--served-model-name", "llama", "--port", "8000"], profile.Args);
        Assert.Equal(8000, profile.Port);
        Assert.Equal("/health", profile.HealthPath);
        Assert.Equal("/v1", profile.ApiBasePath);
        Assert.Equal("llama", profile.ServedModel);
        Assert.Null(profile.ReadinessCommand);
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

        Assert.Equal("ghcr.io/huggingface/text-generation-inference:3.0.1", profile.Image);
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
    public void Ollama_runs_a_script_that_pulls_the_model_and_is_ready_only_once_it_is_pulled()
    {
        var profile = Resolve(Spec(InferenceEngine.Ollama, model: "llama3.1:8b", servedName: "ignored"));

        Assert.Equal("ollama/ollama:0.5.4", profile.Image);
        Assert.Equal(["/bin/sh", "-c"], profile.Command);
        var script = Assert.Single(profile.Args);
        Assert.Contains("ollama pull \"$OLLAMA_MODEL\"", script, StringComparison.Ordinal);
        Assert.Equal(["OLLAMA_HOST=0.0.0.0:11434", "OLLAMA_MODEL=llama3.1:8b"], profile.Env.Select(e => $"{e.Name}={e.Value}"));
        Assert.Equal(["test", "-f", "/tmp/model-ready"], profile.ReadinessCommand);
        Assert.Equal(11434, profile.Port);
        Assert.Equal("/", profile.HealthPath);
        Assert.Equal("/v1", profile.ApiBasePath);
        // Ollama answers to the tag it pulled, whatever the spec calls it.
        Assert.Equal("llama3.1:8b", profile.ServedModel);
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

        Assert.True(profile.Restricted);
        Assert.Equal(OperatorImage, profile.Image);
        Assert.Equal(["mock-llm", "--port", "8000", "--host", "$(POD_IP)", "--model", "llama"], profile.Args);
        var podIp = Assert.Single(profile.Env);
        Assert.Equal(("POD_IP", "status.podIP"), (podIp.Name, podIp.ValueFrom.FieldRef.FieldPath));
        Assert.Equal(8000, profile.Port);
        Assert.Equal("/health", profile.HealthPath);
        Assert.Equal("llama", profile.ServedModel);
    }

    [Fact]
    public void A_mock_engine_with_its_own_image_does_not_run_restricted()
    {
        var spec = Spec(InferenceEngine.Mock);
        spec.Image = "registry.example.com/mock:dev";

        var profile = Resolve(spec);

        Assert.Equal("registry.example.com/mock:dev", profile.Image);
        Assert.False(profile.Restricted);
    }

    [Theory]
    [InlineData(InferenceEngine.Vllm)]
    [InlineData(InferenceEngine.Tgi)]
    [InlineData(InferenceEngine.Ollama)]
    [InlineData(InferenceEngine.LlamaCpp)]
    [InlineData(InferenceEngine.Custom)]
    [InlineData(InferenceEngine.External)]
    public void Only_the_mock_engine_runs_restricted(InferenceEngine engine)
    {
        var spec = Spec(engine);
        spec.Image = engine == InferenceEngine.Custom ? "registry.example.com/server:1" : null;

        Assert.False(Resolve(spec).Restricted);
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
}
