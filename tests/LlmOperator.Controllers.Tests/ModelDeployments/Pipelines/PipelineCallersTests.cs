using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Pipelines;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Pipelines;

public class PipelineCallersTests
{
    private static ModelDeployment Model(string name, string ns = "ml", params string[] calls) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = name },
            Engine = calls.Length == 0 ? InferenceEngine.Mock : InferenceEngine.Pipeline,
            Pipeline = calls.Length == 0 ? null : new PipelineSpec
            {
                Steps = [.. calls.Select((c, i) => new PipelineStep { Name = $"s{i}", Call = new PipelineCall { ModelRef = new() { Name = c } } })],
            },
        },
    };

    [Fact]
    public void A_component_wakes_the_pipelines_of_its_namespace_that_call_it_now()
    {
        var callers = new PipelineCallers();
        callers.Observe(new CacheChange<ModelDeployment>(null, Model("bot", "ml", "writer", "guard")));
        callers.Observe(new CacheChange<ModelDeployment>(null, Model("other-bot", "ml", "writer")));
        callers.Observe(new CacheChange<ModelDeployment>(null, Model("bot", "elsewhere", "writer")));

        Assert.Equal(["bot", "other-bot"], callers.Of(Model("writer")).Select(k => k.Name).Order(StringComparer.Ordinal));
        Assert.Equal([new ObjectKey("ml", "bot")], callers.Of(Model("guard")));

        callers.Observe(new CacheChange<ModelDeployment>(Model("bot", "ml", "writer", "guard"), Model("bot", "ml", "guard")));
        callers.Observe(new CacheChange<ModelDeployment>(Model("other-bot", "ml", "writer"), null));

        Assert.Empty(callers.Of(Model("writer")));
        Assert.Equal([new ObjectKey("ml", "bot")], callers.Of(Model("guard")));
        Assert.Empty(callers.Of(Model("unrelated")));
    }
}
