using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.E2E.Tests.Permissions;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// The RBAC the chart and kustomize install against what the operator and its evaluation Jobs really
/// call, over rollouts that go through every path that touches the API: Gateway API routing, evaluation
/// Jobs with their service account, a promotion, an abort with its scale-down, a revert, revision history
/// cleanup, prompt versions published to their ConfigMap, and leader election. Each component's requests carry its own User-Agent in the sandbox's
/// request log. The operator and its Jobs run under their ServiceAccounts with this RBAC, which the sandbox enforces: no call may be
/// forbidden, and every permission must be used or explained here.
/// </summary>
public sealed class OperatorPermissionsTests(LeaderElectedOperatorFixture sandbox) : IClassFixture<LeaderElectedOperatorFixture>
{
    private const string Finalizers =
        "checked by the OwnerReferencesPermissionEnforcement admission plugin (OpenShift) when what the operator creates names its owner "
            + "with blockOwnerDeletion; it is not a request";

    // Permissions a path of the code needs that these rollouts may not take (it depends on timing or on
    // input they do not have), and why they stay.
    private static readonly Dictionary<ApiCall, string> MayGoUnused = new()
    {
        [new("rbac.authorization.k8s.io", "clusterroles", "bind")] =
            "checked by the API server when the operator creates the RoleBinding to llm-operator-eval or llm-operator-router; it is not a request",
        [new("", "events", "patch")] = "a repeated event is counted by patching the existing Event",
        [new("llmoperator.io", "modeldeployments/finalizers", "update")] = Finalizers,
        [new("llmoperator.io", "promptversions/finalizers", "update")] = Finalizers,
        [new("llmoperator.io", "evaluationruns/finalizers", "update")] = Finalizers,
        [new("", "services", "get")] = "a Service whose patch meets a conflict is read again",
        [new("", "pods", "patch")] = "only a ModelDeployment with spec.adapters records on its pods what it loaded (LoraAdapterTests runs under this RBAC)",
        [new("", "pods/status", "patch")] =
            "only the pods of a ModelDeployment that serves adapters have the adapters readiness gate (LoraAdapterTests runs under this RBAC)",
    };

    private static readonly Dictionary<ApiCall, string> EvaluationMayGoUnused = new()
    {
        [new("llmoperator.io", "promptversions", "get")] = "a gate with promptRef reads the prompt's versions",
        [new("llmoperator.io", "modeldeployments", "get")] = "an llm-rubric or similar assertion judged by another ModelDeployment reads its endpoint",
        [new("", "configmaps", "patch")] = "a run retried after its results ConfigMap exists replaces it",
        [new("", "configmaps", "get")] = "a gate whose dataset is a ConfigMap reads it",
    };

    [Fact]
    public async Task The_installed_rbac_allows_every_call_the_operator_and_its_jobs_make_and_no_more()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "rbac");
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace), Routed(cluster.Namespace, []));
        var first = (await cluster.WaitForHealthyAsync("routed")).Status!.StableRevision!;

        await cluster.ApplyAsync(Routed(cluster.Namespace, ["--latency=1"]));
        var second = await cluster.WaitForModelAsync(
            "routed",
            m => m.Status is { Phase: RolloutPhase.Healthy } s && s.StableRevision != first && s.CanaryRevision is null,
            "promoted its second revision");
        await cluster.ApplyAsync(Routed(cluster.Namespace, ["--quality=0.5"]));
        await cluster.WaitForModelAsync("routed", m => m.Status?.Phase == RolloutPhase.Degraded, "rolled back the worse revision");
        await cluster.ApplyAsync(Routed(cluster.Namespace, ["--latency=1"]));
        await cluster.WaitForHealthyAsync("routed", stableRevision: second.Status!.StableRevision);
        // A prompt published, then replaced by a better version, with a gate that renders through it.
        await cluster.ApplyAsync(
            TestManifests.PromptGate(cluster.Namespace, promptRef: "support"),
            TestManifests.Prompt(cluster.Namespace, "support", 1, "{{ question }}", ["prompt-answers"], model: "routed"));
        await cluster.WaitForPhaseAsync("support-v1", PromptPhase.Active);
        await cluster.ApplyAsync(TestManifests.Prompt(cluster.Namespace, "support", 2, "Please answer: {{ question }}", ["prompt-answers"], model: "routed"));
        await cluster.WaitForPhaseAsync("support-v2", PromptPhase.Active);
        Assert.True(
            await Testing.Eventually.Async(
                async () => (await cluster.ConfigMapAsync("prompt-support"))?.Metadata.Annotations?["llmoperator.io/prompt-version"] == "2"),
            "version 2 was published");
        // Revision history 0: the first and the aborted revisions, and their runs, are deleted.
        Assert.True(
            await Testing.Eventually.Async(
                async () => (await cluster.Deployments.ListAsync(cluster.Namespace, "llmoperator.io/model=routed", default)).Items.Count == 1),
            "old revisions were deleted");

        // The fixture serves this class alone (its other test only runs kubectl auth can-i), so its log holds the
        // operator's start-up lists too; the sandbox logs a request when it ends, so the operator stops to end its
        // watches and give up its lease.
        await sandbox.StopOperatorAsync();
        var requests = sandbox.Server.Requests.Snapshot();
        var operatorCalls = Calls(requests, "llmop-operator/");
        var evaluationCalls = Calls(requests, "llmop-eval/");
        var operatorAllowed = RbacRules.Allowed("config/rbac/role.yaml", "config/rbac/leader_election_role.yaml");
        var evaluationAllowed = RbacRules.Allowed("config/rbac/eval_role.yaml");

        Assert.NotEmpty(evaluationCalls);
        string[] problems =
        [
            .. requests
                .Where(r => r.Status == 403 && (r.UserAgent.StartsWith("llmop-operator/", StringComparison.Ordinal)
                    || r.UserAgent.StartsWith("llmop-eval/", StringComparison.Ordinal)))
                .Select(r => $"forbidden: {r.UserAgent} {r.Verb} {r.Path}"),
            .. operatorCalls.Where(c => !operatorAllowed.Contains(c)).Select(c => $"operator not allowed: {c}"),
            .. operatorAllowed.Where(a => !operatorCalls.Contains(a) && !MayGoUnused.ContainsKey(a)).Select(a => $"operator allowed but never used: {a}"),
            .. evaluationCalls.Where(c => !evaluationAllowed.Contains(c)).Select(c => $"evaluation Job not allowed: {c}"),
            .. evaluationAllowed
                .Where(a => !evaluationCalls.Contains(a) && !EvaluationMayGoUnused.ContainsKey(a))
                .Select(a => $"evaluation Job allowed but never used: {a}"),
        ];
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_operator_acts_as_its_service_account_with_the_installed_rbac_only()
    {
        using var asOperator = new Testing.Kubectl(sandbox.OperatorKubeconfigPath);

        var jobs = await asOperator.RunAsync("auth", "can-i", "create", "jobs.batch", "-n", "default");
        var secrets = await asOperator.RunAsync("auth", "can-i", "get", "secrets", "-n", "default");
        var lease = await asOperator.RunAsync("auth", "can-i", "update", "leases.coordination.k8s.io", "-n", OperatorSandboxFixture.OperatorNamespace);
        var leaseElsewhere = await asOperator.RunAsync("auth", "can-i", "update", "leases.coordination.k8s.io", "-n", "default");

        Assert.Equal(("yes\n", "no\n", "yes\n", "no\n"), (jobs.Output, secrets.Output, lease.Output, leaseElsewhere.Output));
    }

    private static HashSet<ApiCall> Calls(IEnumerable<Sandbox.Api.RequestRecord> requests, string userAgent) =>
        [.. requests
            .Where(r => r.UserAgent.StartsWith(userAgent, StringComparison.Ordinal))
            .Select(r => ApiCall.FromRequest(r.Verb, r.Path, r.Query))
            .OfType<ApiCall>()];

    private static JsonObject Routed(string ns, string[] args)
    {
        var model = TestManifests.MockModel(ns, "routed", [new JsonObject { ["setWeight"] = 50 }, TestManifests.Evaluate("answers")], args);
        var rollout = model["spec"]!["rollout"]!.AsObject();
        rollout["revisionHistoryLimit"] = 0;
        rollout["trafficRouting"] = new JsonObject
        {
            ["gatewayApi"] = new JsonObject { ["parentRefs"] = new JsonArray(new JsonObject { ["name"] = "public" }) },
        };
        return model;
    }
}
