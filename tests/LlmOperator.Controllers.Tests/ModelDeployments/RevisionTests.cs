using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

public class RevisionTests
{
    // A spec with every field that shapes the pods set, and every field that steers the rollout.
    private static ModelDeploymentSpec Spec() => new()
    {
        Model = new ModelSource { Name = "meta-llama/Llama-3.1-8B-Instruct", Revision = "5206a32", ServedName = "llama" },
        Engine = InferenceEngine.Vllm,
        Replicas = 2,
        Image = "vllm/vllm-openai:v0.6.6",
        Args = ["--max-model-len", "4096"],
        Env = [new V1EnvVar { Name = "HF_TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "hf", Key = "token" } } }],
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1"), ["memory"] = new("24Gi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") },
        },
        Server = new ServerSettings { Port = 8000, HealthPath = "/health", ApiBasePath = "/v1" },
        NodeSelector = new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "NVIDIA-A100-SXM4-80GB", ["topology.kubernetes.io/zone"] = "eu-west-1a" },
        Tolerations = [new V1Toleration { Key = "nvidia.com/gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }],
        Rollout = new RolloutStrategy
        {
            Steps = [new RolloutStep { SetWeight = 20 }, new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"] } }],
        },
        Evaluation = new ScheduledEvaluation { Schedule = "0 */6 * * *", Gates = ["quality"] },
    };

    private static string Changed(Action<ModelDeploymentSpec> change)
    {
        var spec = Spec();
        change(spec);
        return Revision.Of(spec);
    }

    [Fact]
    public void A_revision_is_ten_lowercase_hex_characters()
    {
        Assert.Matches("^[0-9a-f]{10}$", Revision.Of(Spec()));
    }

    // Pinned: a field added to the hash must leave the revision of specs without it as it was, or an
    // operator upgrade would start a rollout of every ModelDeployment.
    [Fact]
    public void A_spec_keeps_the_revision_it_had_before_pipelines_were_part_of_the_hash()
    {
        Assert.Equal("a6f83d29c1", Revision.Of(Spec()));
    }

    [Fact]
    public void A_change_of_the_pipeline_is_a_new_revision()
    {
        static PipelineSpec Calling(string model) =>
            new() { Steps = [new PipelineStep { Name = "a", Call = new PipelineCall { ModelRef = new() { Name = model } } }] };

        Assert.NotEqual(Changed(s => s.Pipeline = Calling("x")), Changed(s => s.Pipeline = Calling("y")));
        Assert.NotEqual(Revision.Of(Spec()), Changed(s => s.Pipeline = Calling("x")));
    }

    [Fact]
    public void Equal_specs_have_the_same_revision()
    {
        Assert.Equal(Revision.Of(Spec()), Revision.Of(Spec()));
    }

    [Fact]
    public void A_spec_read_back_from_json_has_the_revision_it_was_written_with()
    {
        var read = KubernetesJson.Deserialize<ModelDeploymentSpec>(KubernetesJson.Serialize(Spec()));

        Assert.Equal(Revision.Of(Spec()), Revision.Of(read));
    }

    [Fact]
    public void The_order_of_node_selector_keys_does_not_change_the_revision()
    {
        var reordered = Changed(s => s.NodeSelector = new Dictionary<string, string>
        {
            ["topology.kubernetes.io/zone"] = "eu-west-1a",
            ["nvidia.com/gpu.product"] = "NVIDIA-A100-SXM4-80GB",
        });

        Assert.Equal(Revision.Of(Spec()), reordered);
    }

    [Fact]
    public void The_same_quantity_written_another_way_does_not_change_the_revision()
    {
        var rewritten = Changed(s => s.Resources!.Requests["memory"] = new("24576Mi"));

        Assert.Equal(Revision.Of(Spec()), rewritten);
    }

    [Theory]
    [InlineData("model name")]
    [InlineData("model revision")]
    [InlineData("served name")]
    [InlineData("engine")]
    [InlineData("image")]
    [InlineData("args")]
    [InlineData("env value")]
    [InlineData("env secret reference")]
    [InlineData("gpu count")]
    [InlineData("memory limit")]
    [InlineData("server port")]
    [InlineData("health path")]
    [InlineData("api base path")]
    [InlineData("node selector")]
    [InlineData("tolerations")]
    [InlineData("model cache")]
    [InlineData("token secret")]
    [InlineData("api key secret")]
    [InlineData("startup budget")]
    public void A_change_that_shapes_the_pods_changes_the_revision(string change)
    {
        Action<ModelDeploymentSpec> edit = change switch
        {
            "model name" => s => s.Model.Name = "meta-llama/Llama-3.2-3B-Instruct",
            "model revision" => s => s.Model.Revision = "0cb88a4",
            "served name" => s => s.Model.ServedName = "llama-3",
            "engine" => s => s.Engine = InferenceEngine.Tgi,
            "image" => s => s.Image = "vllm/vllm-openai:v0.7.0",
            "args" => s => s.Args = ["--max-model-len", "8192"],
            "env value" => s => s.Env!.Add(new V1EnvVar { Name = "VLLM_LOGGING_LEVEL", Value = "DEBUG" }),
            "env secret reference" => s => s.Env![0].ValueFrom.SecretKeyRef.Key = "other-token",
            "gpu count" => s => s.Resources!.Limits["nvidia.com/gpu"] = new("2"),
            "memory limit" => s => s.Resources!.Limits["memory"] = new("32Gi"),
            "server port" => s => s.Server!.Port = 9000,
            "health path" => s => s.Server!.HealthPath = "/ready",
            "api base path" => s => s.Server!.ApiBasePath = "/openai/v1",
            "node selector" => s => s.NodeSelector!["topology.kubernetes.io/zone"] = "eu-west-1b",
            "tolerations" => s => s.Tolerations!.Add(new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "llm", Effect = "NoSchedule" }),
            "model cache" => s => s.ModelCache = new ModelCache { ClaimName = "hf-cache" },
            "token secret" => s => s.Model.TokenSecretRef = new SecretKeyReference { Name = "huggingface", Key = "token" },
            "api key secret" => s => s.Server!.ApiKeySecretRef = new SecretKeyReference { Name = "llama-key", Key = "key" },
            "startup budget" => s => s.Server!.StartupSeconds = 3600,
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };

        Assert.NotEqual(Revision.Of(Spec()), Changed(edit));
    }

    [Fact]
    public void A_new_hosted_endpoint_changes_the_revision_of_an_external_model()
    {
        static ModelDeploymentSpec External(string baseUrl) => new()
        {
            Model = new ModelSource { Name = "gpt-4o-mini" },
            Engine = InferenceEngine.External,
            External = new ExternalEndpoint { BaseUrl = baseUrl },
        };

        Assert.NotEqual(Revision.Of(External("https://api.example.com/v1")), Revision.Of(External("https://other.example.com/v1")));
    }

    [Theory]
    [InlineData("replicas")]
    [InlineData("rollout steps")]
    [InlineData("evaluate first deployment")]
    [InlineData("progress deadline")]
    [InlineData("revision history limit")]
    [InlineData("traffic routing")]
    [InlineData("evaluation schedule")]
    [InlineData("evaluation gates")]
    [InlineData("no scheduled evaluation")]
    public void A_change_that_only_steers_the_rollout_keeps_the_revision(string change)
    {
        Action<ModelDeploymentSpec> edit = change switch
        {
            "replicas" => s => s.Replicas = 5,
            "rollout steps" => s => s.Rollout!.Steps = [new RolloutStep { Pause = new PauseStep() }],
            "evaluate first deployment" => s => s.Rollout!.EvaluateFirstDeployment = true,
            "progress deadline" => s => s.Rollout!.ProgressDeadlineSeconds = 1200,
            "revision history limit" => s => s.Rollout!.RevisionHistoryLimit = 10,
            "traffic routing" => s => s.Rollout!.TrafficRouting = new TrafficRouting
            {
                GatewayApi = new GatewayApiRouting { ParentRefs = [new GatewayParentReference { Name = "public" }] },
            },
            "evaluation schedule" => s => s.Evaluation!.Schedule = "0 0 * * *",
            "evaluation gates" => s => s.Evaluation!.Gates = ["quality", "safety"],
            "no scheduled evaluation" => s => s.Evaluation = null,
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };

        Assert.Equal(Revision.Of(Spec()), Changed(edit));
    }
}
