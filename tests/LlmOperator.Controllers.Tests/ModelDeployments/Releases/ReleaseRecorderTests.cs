using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Releases;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Testing.InMemory;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Releases;

public class ReleaseRecorderTests
{
    private readonly InMemoryCluster _cluster = new();

    private InMemoryResourceClient<V1ConfigMap> ConfigMaps => new(_cluster);

    private static readonly ModelDeployment Model = new()
    {
        ApiVersion = "llmoperator.io/v1alpha1",
        Kind = "ModelDeployment",
        Metadata = new V1ObjectMeta { Name = "chat", NamespaceProperty = "ml", Uid = "uid-chat" },
        Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = "chat" }, Engine = InferenceEngine.Mock },
    };

    private Task<V1ConfigMap> ResultsAsync(string run, string? cases) => ConfigMaps.CreateAsync(
        new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = RunResults.ConfigMapName(run), NamespaceProperty = "ml" },
            Data = cases is null
                ? new Dictionary<string, string> { [RunResults.OutcomeKey] = "{}" }
                : new Dictionary<string, string> { [RunResults.OutcomeKey] = "{}", [RunResults.CasesKey] = cases },
        },
        default);

    private V1ConfigMap Kept() => _cluster.Get<V1ConfigMap>(new ObjectKey("ml", "chat-release"))!;

    [Fact]
    public async Task Each_gates_outcomes_are_copied_into_the_models_release_ConfigMap_which_names_the_revision()
    {
        await ResultsAsync("chat-r1-initial-quality", """{"cases":[{"id":"a","outcome":"Passed"}]}""");
        await ResultsAsync("chat-r1-initial-safety", cases: null);
        var recorder = new ReleaseRecorder(ConfigMaps);

        await recorder.RecordAsync(Model, new ReleaseRecording("r1", new Dictionary<string, string>
        {
            ["quality"] = "chat-r1-initial-quality",
            ["safety"] = "chat-r1-initial-safety",
        }), default);

        var kept = Kept();
        Assert.Equal(("r1", "quality"), (KeptRelease.Of(kept)!.Revision, Assert.Single(KeptRelease.Of(kept)!.Gates)));
        Assert.Equal(["chat-r1-initial-quality", "chat-r1-initial-safety"], KeptRelease.Of(kept)!.Runs);
        Assert.Equal("""{"cases":[{"id":"a","outcome":"Passed"}]}""", kept.Data["quality.json"]);
        var owner = Assert.Single(kept.Metadata.OwnerReferences);
        Assert.Equal(("chat", "uid-chat", true), (kept.Metadata.Labels[WellKnownLabels.ReleaseOf], owner.Uid, owner.Controller == true));
    }

    [Fact]
    public async Task A_later_release_replaces_the_earlier_one_with_only_its_own_gates()
    {
        await ResultsAsync("chat-r1-initial-quality", """{"cases":[]}""");
        await ResultsAsync("chat-r2-1-s0-safety", """{"cases":[{"id":"b","outcome":"Failed","score":0}]}""");
        var recorder = new ReleaseRecorder(ConfigMaps);
        await recorder.RecordAsync(Model, new ReleaseRecording("r1", new Dictionary<string, string> { ["quality"] = "chat-r1-initial-quality" }), default);

        await recorder.RecordAsync(Model, new ReleaseRecording("r2", new Dictionary<string, string> { ["safety"] = "chat-r2-1-s0-safety" }), default);

        var kept = KeptRelease.Of(Kept())!;
        Assert.Equal(("r2", "safety"), (kept.Revision, Assert.Single(kept.Gates)));
    }
}
