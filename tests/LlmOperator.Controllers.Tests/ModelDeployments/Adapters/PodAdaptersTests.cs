using System.Net;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Controllers.ModelDeployments;
using LlmOperator.Controllers.ModelDeployments.Adapters;
using LlmOperator.Controllers.Tests.Common;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Reconciling;

namespace LlmOperator.Controllers.Tests.ModelDeployments.Adapters;

/// <summary>
/// The reconciler with its adapter applier over an in-memory cluster and fake engines: what it calls on each pod,
/// what it records on the pods, and what a pod that refuses, fails or does not answer turns into.
/// </summary>
public sealed class PodAdaptersTests : IDisposable
{
    private const string Source = "https://adapters.example/sql/v1?quality=0.9";
    private const string Repository = "hf://acme/sql-lora";
    private readonly InMemoryOperator _operator = new();
    private LoraAdapter _adapter = new() { Name = "sql", Source = Source };

    public void Dispose() => _operator.Dispose();

    private ModelDeployment Model() => new()
    {
        Metadata = new V1ObjectMeta { Name = "chat" },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Name = "chat-small" },
            Engine = InferenceEngine.Mock,
            Replicas = 1,
            Adapters = [_adapter],
        },
    };

    private Task<ReconcileResult> ReconcileAsync() => _operator.ReconcileAsync<ModelDeployment, ModelDeploymentReconciler>("chat");

    private ModelDeployment Stored() => _operator.Cluster.Get<ModelDeployment>(new ObjectKey(InMemoryOperator.Namespace, "chat"))!;

    private V1Pod StoredPod(string name) => _operator.Cluster.Get<V1Pod>(new ObjectKey(InMemoryOperator.Namespace, name))!;

    // The model created and reconciled once, and a ready pod of its Deployment at 10.1.0.5, as the kubelet reports it.
    private async Task<V1Pod> ServingAsync(string pod = "chat-a", string ip = "10.1.0.5")
    {
        if (_operator.Cluster.Get<ModelDeployment>(new ObjectKey(InMemoryOperator.Namespace, "chat")) is null)
        {
            await _operator.CreateAsync(Model());
            _operator.Sync();
            await ReconcileAsync();
        }

        var deployment = Assert.Single((await _operator.Client<V1Deployment>().ListAsync(InMemoryOperator.Namespace, null, default)).Items);
        var template = deployment.Spec.Template;
        var created = await _operator.CreateAsync(new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = pod, Labels = template.Metadata.Labels },
            Spec = template.Spec,
        });
        await _operator.Client<V1Pod>().UpdateStatusAsync(
            created,
            p => p.Status = new V1PodStatus
            {
                PodIP = ip,
                Conditions = [new V1PodCondition { Type = "ContainersReady", Status = "True" }, new V1PodCondition { Type = "Ready", Status = "True" }],
                ContainerStatuses =
                [
                    new V1ContainerStatus { Name = "server", RestartCount = 0, Ready = true, Image = "llmop", ImageID = "", ContainerID = "c" },
                ],
            },
            default);
        _operator.Sync();
        return created;
    }

    [Fact]
    public async Task The_reconciler_loads_the_adapter_onto_a_ready_pod_over_http_and_records_it_on_the_pod()
    {
        await ServingAsync();

        await ReconcileAsync();

        var revision = AdapterVersion.NameOf(Source, null);
        Assert.Equal(
            [$$"""10.1.0.5:8000 /v1/load_lora_adapter {"lora_name":"sql","lora_path":"{{Source}}"}"""],
            _operator.Engines.Calls);
        Assert.Equal(
            $$"""{"revision":"{{revision}}","restarts":0}""",
            StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"]);

        await _operator.SettleAsync<ModelDeployment, ModelDeploymentReconciler>("chat");
        var status = Stored().Status!;
        Assert.Equal(RolloutPhase.Healthy, Assert.Single(status.Adapters!).Phase);
        Assert.Equal(ConditionStatus.True, Conditions.Find(status.Conditions, ConditionTypes.AdaptersLoaded)!.Status);
        Assert.Single(_operator.Engines.Calls);
    }

    [Fact]
    public async Task Once_the_adapter_is_loaded_the_reconciler_opens_the_pod_s_readiness_gate_with_a_patch_of_that_condition_alone()
    {
        await ServingAsync();
        var written = _operator.Cluster.Writes.Count;

        await _operator.SettleAsync<ModelDeployment, ModelDeploymentReconciler>("chat");

        // Merged by type, as the API server's strategic merge does: the kubelet's conditions stay.
        var conditions = StoredPod("chat-a").Status.Conditions;
        Assert.Equal(["ContainersReady", "Ready", LoraServing.ReadinessGate], conditions.Select(c => c.Type).Order(StringComparer.Ordinal));
        var gate = conditions.Single(c => c.Type == LoraServing.ReadinessGate);
        Assert.Equal(("True", "AdaptersLoaded", "Serves sql."), (gate.Status, gate.Reason, gate.Message));
        Assert.Single(_operator.Cluster.Writes.Skip(written), w => w == $"patch-status Pod {InMemoryOperator.Namespace}/chat-a");
    }

    [Fact]
    public async Task An_adapter_the_engine_refuses_is_recorded_as_a_failure_with_a_warning_and_tried_again_after_a_backoff()
    {
        await ServingAsync();
        _operator.Engines.Override = (_, _) => FakeEngines.Error(
            HttpStatusCode.NotFound, "NotFoundError", "Loading lora sql failed: No adapter found for https://adapters.example/sql/v1?quality=0.9");

        await ReconcileAsync();
        _operator.Sync();
        var result = await ReconcileAsync();

        var record = PodAdapterRecord.Parse(StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"])!;
        Assert.Null(record.Revision);
        Assert.Equal((AdapterCallOutcome.Refused, 1), (record.Failed!.Reason, record.Failed.Attempts));
        Assert.Equal("404 NotFoundError: Loading lora sql failed: No adapter found for https://adapters.example/sql/v1?quality=0.9", record.Failed.Message);
        var warning = Assert.Single(_operator.Events.All, e => e.Reason == "AdapterLoadFailed");
        Assert.Equal(
            $"Pod chat-a could not load revision {AdapterVersion.NameOf(Source, null)} as sql from {Source}: AdapterLoadRefused: {record.Failed.Message}",
            warning.Message);
        var loaded = Conditions.Find(Stored().Status!.Conditions, ConditionTypes.AdaptersLoaded)!;
        Assert.Equal((ConditionStatus.False, AdapterCallOutcome.Refused), (loaded.Status, loaded.Reason));
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(5)), result);
        Assert.Single(_operator.Engines.Calls);
    }

    [Theory]
    [InlineData("unreachable", AdapterCallOutcome.Unreachable, "http://10.1.0.5:8000/v1/load_lora_adapter: Connection refused (10.1.0.5:8000)")]
    [InlineData("500", AdapterCallOutcome.EngineError, "500 InternalServerError: Internal Server Error")]
    [InlineData("off", AdapterCallOutcome.RuntimeLoadingOff, "404 NotFound: Not Found")]
    [InlineData("rank", AdapterCallOutcome.Refused, "400 BadRequestError: LoRA rank 64 is greater than max_lora_rank 16.")]
    public async Task A_pod_that_fails_or_does_not_answer_never_fails_the_reconcile_and_says_why_on_the_pod(string how, string reason, string message)
    {
        await ServingAsync();
        _operator.Engines.Override = (_, _) => how switch
        {
            "unreachable" => throw new HttpRequestException("Connection refused (10.1.0.5:8000)"),
            "500" => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("Internal Server Error") },
            // Later vLLM versions nest the error object.
            "rank" => FakeEngines.Json(HttpStatusCode.BadRequest, System.Text.Json.Nodes.JsonNode.Parse(
                """{"error":{"message":"LoRA rank 64 is greater than max_lora_rank 16.","type":"BadRequestError","param":null,"code":400}}""")!),
            _ => FakeEngines.Json(HttpStatusCode.NotFound, new System.Text.Json.Nodes.JsonObject { ["detail"] = "Not Found" }),
        };

        Assert.Equal(ReconcileResult.Done, await ReconcileAsync());

        var record = PodAdapterRecord.Parse(StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"])!;
        Assert.Equal((reason, message), (record.Failed!.Reason, record.Failed.Message));
    }

    [Fact]
    public async Task An_adapter_the_engine_has_under_that_name_without_a_record_is_replaced()
    {
        await ServingAsync();
        _operator.Engines.Loaded["10.1.0.5:8000"] = new(StringComparer.Ordinal) { ["sql"] = "https://adapters.example/sql/old" };

        await ReconcileAsync();

        Assert.Equal(["/v1/load_lora_adapter", "/v1/unload_lora_adapter", "/v1/load_lora_adapter"], _operator.Engines.Calls.Select(c => c.Split(' ')[1]));
        Assert.Equal(Source, _operator.Engines.Loaded["10.1.0.5:8000"]["sql"]);
        Assert.Null(PodAdapterRecord.Parse(StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"])!.Failed);
    }

    [Fact]
    public async Task A_new_version_replaces_the_served_one_in_place_or_on_an_engine_without_load_inplace_by_unloading_it_first()
    {
        await ServingAsync();
        await _operator.SettleAsync<ModelDeployment, ModelDeploymentReconciler>("chat");
        var calls = _operator.Engines.Calls.Count;
        const string Next = "https://adapters.example/sql/v2?quality=0.9";
        await _operator.Client<ModelDeployment>().UpdateAsync(Stored(), m => m.Spec.Adapters![0].Source = Next, default);

        await _operator.SettleAsync<ModelDeployment, ModelDeploymentReconciler>("chat");

        Assert.Equal(
            [
                $$"""10.1.0.5:8000 /v1/load_lora_adapter {"lora_name":"sql:canary","lora_path":"{{Next}}"}""",
                $$"""10.1.0.5:8000 /v1/load_lora_adapter {"lora_name":"sql","lora_path":"{{Next}}","load_inplace":true}""",
                """10.1.0.5:8000 /v1/unload_lora_adapter {"lora_name":"sql"}""",
                $$"""10.1.0.5:8000 /v1/load_lora_adapter {"lora_name":"sql","lora_path":"{{Next}}"}""",
                """10.1.0.5:8000 /v1/unload_lora_adapter {"lora_name":"sql:canary"}""",
            ],
            _operator.Engines.Calls.Skip(calls));
        Assert.Equal(AdapterVersion.NameOf(Next, null), Assert.Single(Stored().Status!.Adapters!).StableRevision);
        Assert.Equal(["sql"], _operator.Engines.Loaded["10.1.0.5:8000"].Keys);
    }

    [Fact]
    public async Task A_pod_deleted_while_its_engine_was_called_is_skipped()
    {
        await ServingAsync();
        _operator.Engines.Override = (_, _) =>
        {
            _operator.Client<V1Pod>().DeleteAsync(new ObjectKey(InMemoryOperator.Namespace, "chat-a"), default).GetAwaiter().GetResult();
            return null;
        };

        Assert.Equal(ReconcileResult.Done, await ReconcileAsync());
        Assert.Null(StoredPod("chat-a"));
    }

    [Fact]
    public async Task A_pinned_revision_is_fetched_by_the_pod_s_loader_then_loaded_from_the_path_the_loader_answers()
    {
        _adapter = new LoraAdapter { Name = "sql", Source = Repository, Revision = "v1" };
        await ServingAsync();
        var revision = AdapterVersion.NameOf(Repository, "v1");
        _operator.Engines.Loader = (_, _) => FakeEngines.Json(HttpStatusCode.Accepted, new System.Text.Json.Nodes.JsonObject { ["status"] = "fetching" });

        await ReconcileAsync();
        _operator.Sync();
        // The patched pod brings the model back: nothing to call until the loader is asked again.
        var fetching = await ReconcileAsync();

        Assert.Equal([$$"""10.1.0.5:8090 PUT /adapters/{{revision}} {"source":"{{Repository}}","revision":"v1"}"""], _operator.Engines.LoaderCalls);
        Assert.Empty(_operator.Engines.Calls);
        var record = PodAdapterRecord.Parse(StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"])!;
        Assert.Equal((null, revision, null), (record.Revision, record.Fetching?.Revision, record.Failed));
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(2)), fetching);

        _operator.Engines.Loader = (_, _) => null;
        _operator.Time.Advance(TimeSpan.FromSeconds(2));
        _operator.Sync();
        await ReconcileAsync();

        Assert.Equal(
            [$$"""10.1.0.5:8000 /v1/load_lora_adapter {"lora_name":"sql","lora_path":"/var/lib/llmop/adapters/{{revision}}"}"""],
            _operator.Engines.Calls);
        Assert.Equal($$"""{"revision":"{{revision}}","restarts":0}""", StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"]);
    }

    [Fact]
    public async Task A_fetch_the_loader_refuses_is_an_adapter_load_failure_with_the_loader_s_message()
    {
        _adapter = new LoraAdapter { Name = "sql", Source = Repository, Revision = "v9" };
        await ServingAsync();
        const string Said = "could not fetch hf://acme/sql-lora at v9: https://huggingface.co/api/models/acme/sql-lora/revision/v9 answered 404 NotFound";
        _operator.Engines.Loader = (_, _) => FakeEngines.Json(HttpStatusCode.UnprocessableEntity, new System.Text.Json.Nodes.JsonObject { ["message"] = Said });

        await ReconcileAsync();

        var record = PodAdapterRecord.Parse(StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"])!;
        Assert.Equal((AdapterCallOutcome.Refused, "adapter loader: " + Said, 1), (record.Failed!.Reason, record.Failed.Message, record.Failed.Attempts));
        Assert.Null(record.Fetching);
        Assert.Empty(_operator.Engines.Calls);
        var warning = Assert.Single(_operator.Events.All, e => e.Reason == "AdapterLoadFailed");
        Assert.Equal(
            $"Pod chat-a could not fetch revision {AdapterVersion.NameOf(Repository, "v9")} of sql: AdapterLoadRefused: adapter loader: {Said}",
            warning.Message);
    }

    [Fact]
    public async Task A_source_the_loader_cannot_reach_is_a_fetch_failure_tried_again_later()
    {
        _adapter = new LoraAdapter { Name = "sql", Source = Repository, Revision = "v1" };
        await ServingAsync();
        _operator.Engines.Loader = (_, _) => FakeEngines.Json(HttpStatusCode.BadGateway, new System.Text.Json.Nodes.JsonObject { ["message"] = "503" });

        await ReconcileAsync();

        var record = PodAdapterRecord.Parse(StoredPod("chat-a").Metadata.Annotations["adapter.llmoperator.io/sql"])!;
        Assert.Equal((AdapterCallOutcome.FetchFailed, "adapter loader: 502 503"), (record.Failed!.Reason, record.Failed.Message));
    }

    [Fact]
    public async Task A_version_no_slot_holds_any_more_is_deleted_from_the_pod_s_loader()
    {
        _adapter = new LoraAdapter { Name = "sql", Source = Repository, Revision = "v1" };
        await ServingAsync();
        await _operator.SettleAsync<ModelDeployment, ModelDeploymentReconciler>("chat");
        await _operator.Client<ModelDeployment>().UpdateAsync(Stored(), m => m.Spec.Adapters![0].Revision = "v2", default);

        await _operator.SettleAsync<ModelDeployment, ModelDeploymentReconciler>("chat");

        var (first, second) = (AdapterVersion.NameOf(Repository, "v1"), AdapterVersion.NameOf(Repository, "v2"));
        Assert.Equal(second, Assert.Single(Stored().Status!.Adapters!).StableRevision);
        Assert.Equal(
            [
                $$"""10.1.0.5:8090 PUT /adapters/{{first}} {"source":"{{Repository}}","revision":"v1"}""",
                $$"""10.1.0.5:8090 PUT /adapters/{{second}} {"source":"{{Repository}}","revision":"v2"}""",
                $$"""10.1.0.5:8090 PUT /adapters/{{second}} {"source":"{{Repository}}","revision":"v2"}""",
                $"10.1.0.5:8090 DELETE /adapters/{first}",
            ],
            _operator.Engines.LoaderCalls);
    }
}
