using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.PromptVersions;
using LlmOperator.Controllers.Tests.Common;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Reconciling;

namespace LlmOperator.Controllers.Tests.PromptVersions;

/// <summary>The PromptVersion reconciler's I/O over an in-memory cluster: its status, its prompt's ConfigMap, and refused writes.</summary>
public sealed class PromptVersionReconcilerTests : IDisposable
{
    private static readonly ObjectKey ConfigMap = new(InMemoryOperator.Namespace, "prompt-answer");
    private readonly InMemoryOperator _operator = new();

    public void Dispose() => _operator.Dispose();

    private async Task CreateAsync()
    {
        await _operator.CreateAsync(new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = "chat" },
            Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = "chat-small" }, Engine = InferenceEngine.Mock },
        });
        var stable = new JsonObject { ["stableRevision"] = "abc", ["endpoint"] = "http://chat.ml.svc/v1", ["servedModel"] = "chat-small" };
        await _operator.Client<ModelDeployment>().PatchStatusAsync(
            new ObjectKey(InMemoryOperator.Namespace, "chat"), new JsonObject { ["status"] = stable }, default);
        await _operator.CreateAsync(Version(1, "{{ question }}"));
        _operator.Sync();
    }

    private static PromptVersion Version(int version, string content) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"answer-v{version}" },
        Spec = new PromptVersionSpec
        {
            PromptName = "answer",
            Version = version,
            ModelRef = new LocalObjectReference { Name = "chat" },
            Messages = [new PromptMessage { Role = MessageRole.User, Content = content }],
        },
    };

    private Task<ReconcileResult> ReconcileAsync() => _operator.ReconcileAsync<PromptVersion, PromptVersionReconciler>("answer-v1");

    private PromptVersionStatus? Status() => _operator.Cluster.Get<PromptVersion>(new ObjectKey(InMemoryOperator.Namespace, "answer-v1"))!.Status;

    [Fact]
    public async Task A_crash_between_the_active_status_and_the_configmap_is_repaired_by_the_next_reconcile()
    {
        await CreateAsync();
        _operator.Cluster.FailNext("create", "ConfigMap", HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<ServerErrorException>(ReconcileAsync);
        Assert.Equal(PromptPhase.Active, Status()!.Phase);
        Assert.Null(_operator.Cluster.Get<V1ConfigMap>(ConfigMap));

        await _operator.SettleAsync<PromptVersion, PromptVersionReconciler>("answer-v1");
        Assert.Equal("1", _operator.Cluster.Get<V1ConfigMap>(ConfigMap)!.Metadata.Annotations[WellKnownLabels.PromptVersion]);
        Assert.Single(_operator.Events.All, e => e.Reason == "PromptPromoted");
    }

    [Fact]
    public async Task A_publication_that_meets_a_configmap_changed_meanwhile_is_made_again_from_the_newer_one()
    {
        await CreateAsync();
        await _operator.SettleAsync<PromptVersion, PromptVersionReconciler>("answer-v1");
        await _operator.CreateAsync(Version(2, "Please answer: {{ question }}"));
        _operator.Sync();
        // Someone edits the published prompt by hand; the cache has not seen it yet.
        await _operator.Client<V1ConfigMap>().PatchAsync(
            ConfigMap, new JsonObject { ["data"] = new JsonObject { [PromptVersionNames.DocumentKey] = "{}" } }, default);

        Assert.Equal(ReconcileResult.AfterConflict, await _operator.ReconcileAsync<PromptVersion, PromptVersionReconciler>("answer-v2"));
        Assert.Equal("{}", _operator.Cluster.Get<V1ConfigMap>(ConfigMap)!.Data[PromptVersionNames.DocumentKey]);

        await _operator.SettleAsync<PromptVersion, PromptVersionReconciler>("answer-v2");
        Assert.Equal("2", _operator.Cluster.Get<V1ConfigMap>(ConfigMap)!.Metadata.Annotations[WellKnownLabels.PromptVersion]);
    }
}
