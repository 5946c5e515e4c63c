using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.Tests.Common;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Pipelines.Serving;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Pipelines;

/// <summary>A pipeline ModelDeployment over an in-memory cluster: what it deploys once its components serve, and what it says until then.</summary>
public sealed class PipelineReconcileTests : IDisposable
{
    private readonly InMemoryOperator _operator = new();

    public void Dispose() => _operator.Dispose();

    private static ModelDeployment Pipeline(string name, params PipelineStep[] steps) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = name },
            Engine = InferenceEngine.Pipeline,
            Pipeline = new PipelineSpec { Steps = [.. steps] },
        },
    };

    private static PipelineStep Calls(string step, string model, string? fallback = null) => new()
    {
        Name = step,
        Call = new PipelineCall
        {
            ModelRef = new LocalObjectReference { Name = model },
            Fallback = fallback is null ? null : [new FallbackCall { ModelRef = new LocalObjectReference { Name = fallback } }],
        },
    };

    // A mock model, or a hosted one when it needs an API key.
    private async Task ComponentAsync(string name, string? endpoint, SecretKeyReference? apiKey = null)
    {
        await _operator.CreateAsync(new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new ModelDeploymentSpec
            {
                Model = new ModelSource { Name = name, ServedName = $"{name}-served" },
                Engine = apiKey is null ? InferenceEngine.Mock : InferenceEngine.External,
                External = apiKey is null ? null : new ExternalEndpoint { BaseUrl = endpoint!, ApiKeySecretRef = apiKey },
            },
        });
        if (endpoint is not null)
        {
            await _operator.Client<ModelDeployment>().PatchStatusAsync(
                new ObjectKey(InMemoryOperator.Namespace, name),
                new JsonObject { ["status"] = new JsonObject { ["endpoint"] = endpoint, ["servedModel"] = $"{name}-served" } },
                default);
        }
    }

    private async Task<ModelDeployment> ReconcileAsync(string name)
    {
        _operator.Sync();
        await _operator.ReconcileAsync<ModelDeployment, ModelDeploymentReconciler>(name);
        return _operator.Cluster.Get<ModelDeployment>(new ObjectKey(InMemoryOperator.Namespace, name))!;
    }

    [Fact]
    public async Task A_pipeline_whose_components_serve_gets_its_revision_configuration_then_router_pods_that_read_it()
    {
        await ComponentAsync("writer", "http://writer.ml.svc/v1");
        await ComponentAsync("hosted", "https://api.example.com/v1", new SecretKeyReference { Name = "openai", Key = "api-key" });
        await _operator.CreateAsync(Pipeline("support-bot", Calls("answer", "writer", fallback: "hosted")));

        var pipeline = await ReconcileAsync("support-bot");

        var revision = pipeline.Status!.StableRevision!;
        var writes = _operator.Cluster.Writes.SkipWhile(w => w != "create ModelDeployment ml/support-bot").Skip(1).Take(4);
        Assert.Equal(
            [
                "create ServiceAccount ml/llmop-router",
                "create RoleBinding ml/llmop-router",
                $"create ConfigMap ml/support-bot-{revision}-router",
                $"create Deployment ml/support-bot-{revision}",
            ],
            writes);
        var binding = _operator.Cluster.Get<V1RoleBinding>(new ObjectKey(InMemoryOperator.Namespace, "llmop-router"))!;
        Assert.Equal(("llm-operator-router", "llmop-router"), (binding.RoleRef.Name, binding.Subjects.Single().Name));
        var configMap = _operator.Cluster.Get<V1ConfigMap>(new ObjectKey(InMemoryOperator.Namespace, $"support-bot-{revision}-router"))!;
        var configuration = RouterConfiguration.Parse(configMap.Data["router.json"]);
        Assert.Equal(
            ("support-bot", "ml", revision, "support-bot"),
            (configuration.Name, configuration.Namespace, configuration.Revision, configuration.ServedModel));
        Assert.Equal(
            [("hosted", "https://api.example.com/v1", "hosted-served"), ("writer", "http://writer.ml.svc/v1", "writer-served")],
            configuration.Components.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value.Url, c.Value.Model)));
        // The hosted model's key reaches the router as a variable from its Secret; the router reads no Secret.
        Assert.Equal(("LLMOP_API_KEY_HOSTED", null), (configuration.Components["hosted"].ApiKeyVariable, configuration.Components["writer"].ApiKeyVariable));
        var deployment = _operator.Cluster.Get<V1Deployment>(new ObjectKey(InMemoryOperator.Namespace, $"support-bot-{revision}"))!;
        var container = deployment.Spec.Template.Spec.Containers[0];
        Assert.Equal(["router", "--port", "8000", "--host", "$(POD_IP)"], container.Args);
        var variable = Assert.Single(container.Env, e => e.Name == "LLMOP_ROUTER_CONFIG");
        Assert.Equal(($"support-bot-{revision}-router", "router.json"), (variable.ValueFrom.ConfigMapKeyRef.Name, variable.ValueFrom.ConfigMapKeyRef.Key));
        var key = Assert.Single(container.Env, e => e.Name == "LLMOP_API_KEY_HOSTED").ValueFrom.SecretKeyRef;
        Assert.Equal(("openai", "api-key"), (key.Name, key.Key));
        Assert.Equal("/healthz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("llmop-router", deployment.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal(RolloutPhase.Progressing, pipeline.Status.Phase);
    }

    [Fact]
    public async Task A_pipeline_waits_for_a_component_that_has_no_endpoint_yet_and_deploys_nothing()
    {
        await ComponentAsync("writer", endpoint: null);
        await _operator.CreateAsync(Pipeline("support-bot", Calls("answer", "writer")));

        var pipeline = await ReconcileAsync("support-bot");

        Assert.Equal(RolloutPhase.Progressing, pipeline.Status!.Phase);
        Assert.Equal("Waiting for ModelDeployment writer to serve: no endpoint yet. Nothing is deployed.", pipeline.Status.Message);
        Assert.DoesNotContain(_operator.Cluster.Writes, w => w.StartsWith("create Deployment ml/support-bot", StringComparison.Ordinal));
        Assert.DoesNotContain(_operator.Events.All, e => e.Type == "Warning");
    }

    [Theory]
    [InlineData(
        "missing", "ComponentMissing", "The pipeline calls ModelDeployment nowhere, which is not a ModelDeployment in namespace ml. Nothing is deployed.")]
    [InlineData("cycle", "PipelineCycle", "The pipeline calls itself: support-bot -> helper -> support-bot. Nothing is deployed.")]
    [InlineData(
        "rule",
        "PipelineInvalid",
        "spec.pipeline cannot run: spec.pipeline.steps[0].call.unless: reads steps.later, but no step has that name. Nothing is deployed.")]
    public async Task A_pipeline_that_cannot_be_served_is_degraded_with_why_and_an_event(string problem, string reason, string message)
    {
        await ComponentAsync("writer", "http://writer.ml.svc/v1");
        var steps = problem switch
        {
            "missing" => new[] { Calls("answer", "nowhere") },
            "cycle" => [Calls("answer", "helper")],
            _ => [new PipelineStep { Name = "answer", Call = new PipelineCall { ModelRef = new() { Name = "writer" }, Unless = "steps.later.output == ''" } }],
        };
        if (problem == "cycle")
        {
            await _operator.CreateAsync(Pipeline("helper", Calls("again", "support-bot")));
        }

        await _operator.CreateAsync(Pipeline("support-bot", steps));

        var pipeline = await ReconcileAsync("support-bot");

        Assert.Equal((RolloutPhase.Degraded, message), (pipeline.Status!.Phase, pipeline.Status.Message));
        Assert.Contains(_operator.Events.All, e => e.Type == "Warning" && e.Reason == reason && e.Message == message);
        Assert.DoesNotContain(_operator.Cluster.Writes, w => w.StartsWith("create Deployment ml/support-bot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_component_deleted_under_a_serving_pipeline_degrades_it_and_its_revision_keeps_serving()
    {
        await ComponentAsync("writer", "http://writer.ml.svc/v1");
        await _operator.CreateAsync(Pipeline("support-bot", Calls("answer", "writer")));
        var revision = (await ReconcileAsync("support-bot")).Status!.StableRevision;

        await _operator.Client<ModelDeployment>().DeleteAsync(new ObjectKey(InMemoryOperator.Namespace, "writer"), default);
        var pipeline = await ReconcileAsync("support-bot");

        Assert.Equal(RolloutPhase.Degraded, pipeline.Status!.Phase);
        Assert.Equal(
            $"The pipeline calls ModelDeployment writer, which is not a ModelDeployment in namespace ml. Revision {revision} keeps serving.",
            pipeline.Status.Message);
        Assert.NotNull(_operator.Cluster.Get<V1Deployment>(new ObjectKey(InMemoryOperator.Namespace, $"support-bot-{revision}")));
        Assert.DoesNotContain(_operator.Cluster.Writes, w => w.StartsWith("delete Deployment", StringComparison.Ordinal));
    }
}
