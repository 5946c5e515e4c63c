using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.Tests.Common;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Reconciling;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

/// <summary>The ModelDeployment reconciler's I/O over an in-memory cluster: what it writes, and what it does when a write is refused.</summary>
public sealed class ModelDeploymentReconcilerTests : IDisposable
{
    private readonly InMemoryOperator _operator = new();

    public void Dispose() => _operator.Dispose();

    private static ModelDeployment Model() => new()
    {
        Metadata = new V1ObjectMeta { Name = "chat" },
        Spec = new ModelDeploymentSpec { Model = new ModelSource { Name = "chat-small" }, Engine = InferenceEngine.Mock, Replicas = 1 },
    };

    private Task<ReconcileResult> ReconcileAsync() => _operator.ReconcileAsync<ModelDeployment, ModelDeploymentReconciler>("chat");

    private ModelDeployment Stored() => _operator.Cluster.Get<ModelDeployment>(new ObjectKey(InMemoryOperator.Namespace, "chat"))!;

    [Fact]
    public async Task The_first_reconcile_creates_what_serves_and_writes_the_status_and_the_next_one_from_its_echo_writes_nothing()
    {
        await _operator.CreateAsync(Model());
        _operator.Sync();

        Assert.Equal(ReconcileResult.Done, await ReconcileAsync());
        Assert.Equal(
            [
                "create ModelDeployment ml/chat",
                "create Deployment ml/chat-",
                "create Service ml/chat",
                "patch-status ModelDeployment ml/chat",
            ],
            _operator.Cluster.Writes.Select(w => w.StartsWith("create Deployment", StringComparison.Ordinal) ? w[..26] : w));
        Assert.Equal(RolloutPhase.Progressing, Stored().Status!.Phase);
        Assert.Empty(_operator.Events.All);

        _operator.Sync();
        var writes = _operator.Cluster.Writes.Count;
        await ReconcileAsync();
        Assert.Equal(writes, _operator.Cluster.Writes.Count);
    }

    [Fact]
    public async Task A_status_write_that_meets_a_newer_object_is_planned_again_from_it_without_events()
    {
        // Its first plan warns: the gate it names for its first revision does not exist.
        var model = Model();
        model.Spec.Rollout = new RolloutStrategy
        {
            EvaluateFirstDeployment = true,
            Steps = [new RolloutStep { Evaluate = new EvaluateStep { Gates = ["quality"] } }],
        };
        await _operator.CreateAsync(model);
        _operator.Sync();
        // llmop abort, say, changes the object after the cache saw it.
        await _operator.Client<ModelDeployment>().PatchAsync(
            new ObjectKey(InMemoryOperator.Namespace, "chat"),
            new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["team"] = "search" } } },
            default);

        var result = await ReconcileAsync();

        Assert.Equal(ReconcileResult.AfterConflict, result);
        Assert.Null(Stored().Status);
        Assert.Empty(_operator.Events.All);
        _operator.Sync();
        Assert.Equal(ReconcileResult.Done, await ReconcileAsync());
        Assert.Equal(RolloutPhase.Degraded, Stored().Status!.Phase);
        Assert.Equal("GateNotFound", Assert.Single(_operator.Events.All).Reason);
    }

    [Fact]
    public async Task An_object_deleted_meanwhile_ends_the_reconcile_and_what_it_made_belongs_to_it()
    {
        var model = await _operator.CreateAsync(Model());
        _operator.Sync();
        await _operator.Client<ModelDeployment>().DeleteAsync(new ObjectKey(InMemoryOperator.Namespace, "chat"), default);

        Assert.Equal(ReconcileResult.Done, await ReconcileAsync());

        Assert.Empty(_operator.Events.All);
        var deployment = Assert.Single((await _operator.Client<V1Deployment>().ListAsync(InMemoryOperator.Namespace, null, default)).Items);
        Assert.Equal(model.Metadata.Uid, Assert.Single(deployment.Metadata.OwnerReferences).Uid);
    }

    [Fact]
    public async Task A_crash_between_the_children_and_the_status_is_repaired_by_the_next_reconcile_without_a_second_child()
    {
        await _operator.CreateAsync(Model());
        _operator.Sync();
        _operator.Cluster.FailNext("patch-status", "ModelDeployment", HttpStatusCode.InternalServerError);

        await Assert.ThrowsAsync<ServerErrorException>(ReconcileAsync);
        Assert.Null(Stored().Status);

        _operator.Sync();
        Assert.Equal(ReconcileResult.Done, await ReconcileAsync());
        Assert.Single((await _operator.Client<V1Deployment>().ListAsync(InMemoryOperator.Namespace, null, default)).Items);
        Assert.Single(_operator.Cluster.Writes, w => w.StartsWith("create Deployment", StringComparison.Ordinal));
        Assert.Equal(RolloutPhase.Progressing, Stored().Status!.Phase);
    }
}
