using System.Text.Json.Nodes;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.E2E.Tests.Fixtures;
using LlmOperator.Manifests.Validation;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests;

/// <summary>
/// Evaluations that cannot reach a verdict: each ends in a clear condition and event on the
/// ModelDeployment, after a bounded number of attempts, never a crash or a loop.
/// </summary>
public sealed class EvaluationFailureTests(OperatorSandboxFixture sandbox) : IClassFixture<OperatorSandboxFixture>
{
    [Fact]
    public async Task A_gate_that_does_not_exist_degrades_the_rollout_until_it_is_created()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "nogate");
        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace), TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("later")]));
        await cluster.WaitForHealthyAsync("chat");

        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("later")], args: ["--latency=1"]));
        var degraded = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "reported the missing gate");
        var condition = Conditions.Find(degraded.Status!.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal("GateNotFound", condition.Reason);
        Assert.Equal($"Step 1 names EvaluationGate later, which does not exist in namespace {cluster.Namespace}.", condition.Message);
        var missing = await cluster.WaitForEventAsync("chat", e => e.Reason == "GateNotFound" && e.Type == "Warning", "about the missing gate");
        Assert.Equal(1, missing.Count ?? 1);
        Assert.DoesNotContain(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == degraded.Status.CanaryRevision);

        await cluster.ApplyAsync(TestManifests.Gate(cluster.Namespace, name: "later"));
        var healthy = await cluster.WaitForHealthyAsync("chat", stableRevision: degraded.Status.CanaryRevision);
        Assert.Equal(ConditionStatus.False, Conditions.Find(healthy.Status!.Conditions, ConditionTypes.Degraded)!.Status);
    }

    [Fact]
    public async Task An_evaluation_job_that_crashes_is_retried_three_times_then_counts_as_inconclusive()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "crash");
        await cluster.ApplyAsync(
            TestManifests.Gate(cluster.Namespace),
            TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers", onInconclusive: "fail")]));
        await cluster.WaitForHealthyAsync("chat");

        // The Job's first request, reading its run, fails: llmop eval exits without a verdict. The operator
        // never reads a single run (it lists and watches), so only the Jobs are hit.
        sandbox.Server.Faults.FailRandomly(1.0, 500, "GET", $"/namespaces/{cluster.Namespace}/evaluationruns/");
        try
        {
            await cluster.ApplyAsync(
                TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers", onInconclusive: "fail")], args: ["--latency=1"]));
            var degraded = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "gave up on the crashing evaluation");

            var condition = Conditions.Find(degraded.Status!.Conditions, ConditionTypes.Degraded)!;
            Assert.Equal("EvaluationInconclusive", condition.Reason);
            Assert.Contains("failed before reporting an outcome", condition.Message, StringComparison.Ordinal);
            Assert.Contains("all 3 attempts used", condition.Message, StringComparison.Ordinal);
            var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == degraded.Status.CanaryRevision);
            Assert.Equal((EvaluationPhase.Error, 3), (run.Status!.Phase!.Value, run.Status.Attempts!.Value));
            var jobs = (await cluster.Jobs.ListAsync(cluster.Namespace, $"llmoperator.io/evaluation-run={run.Metadata.Name}", default)).Items;
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j => Assert.Contains(j.Status.Conditions, c => c.Type == "Failed" && c.Status == "True"));
            // One warning per failed attempt (each names its Job), recorded just after the status that says so.
            var failures = 0;
            Assert.True(
                await Testing.Eventually.Async(async () => (failures = (await cluster.EventsAboutAsync(run.Metadata.Name))
                    .Where(e => e.Reason == "EvaluationJobFailed" && e.Type == "Warning")
                    .Sum(e => e.Count ?? 1)) == 3),
                $"{failures} EvaluationJobFailed warnings");
        }
        finally
        {
            sandbox.Server.Faults.Clear();
        }
    }

    [Fact]
    public async Task An_evaluation_job_whose_role_lacks_a_rule_it_needs_is_forbidden_and_its_log_says_so()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "norule");
        // The chart's evaluation ClusterRole without its first rule (get evaluationruns), bound in this namespace before the
        // operator would bind the real one: the Job runs as on a cluster whose role lacks that rule.
        var role = ManifestLoader.Read(RepositoryPaths.Combine(InstalledSandboxFixture.NamespaceRoleManifests[0])).Content!.Documents[0].Root!.AsObject();
        role["metadata"]!["name"] = $"{cluster.Namespace}-eval-stripped";
        var rules = role["rules"]!.AsArray();
        Assert.Equal("""{"apiGroups":["llmoperator.io"],"resources":["evaluationruns"],"verbs":["get"]}""", rules[0]!.ToJsonString());
        rules.RemoveAt(0);
        var binding = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "RoleBinding",
            ["metadata"] = new JsonObject { ["name"] = "llmop-eval", ["namespace"] = cluster.Namespace },
            ["roleRef"] = new JsonObject
            {
                ["apiGroup"] = "rbac.authorization.k8s.io",
                ["kind"] = "ClusterRole",
                ["name"] = $"{cluster.Namespace}-eval-stripped",
            },
            ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "llmop-eval", ["namespace"] = cluster.Namespace }),
        };
        await cluster.ApplyAsync(role, binding, TestManifests.Gate(cluster.Namespace),
            TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers", onInconclusive: "fail")]));
        await cluster.WaitForHealthyAsync("chat");

        await cluster.ApplyAsync(
            TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers", onInconclusive: "fail")], args: ["--latency=1"]));
        var degraded = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "gave up on the forbidden evaluation");

        Assert.Equal("EvaluationInconclusive", Conditions.Find(degraded.Status!.Conditions, ConditionTypes.Degraded)!.Reason);
        var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == degraded.Status.CanaryRevision);
        var log = await cluster.KubectlAsync("logs", $"job/{run.Metadata.Name}-1");
        Assert.Contains(
            $"evaluationruns.llmoperator.io \"{run.Metadata.Name}\" is forbidden: User \"system:serviceaccount:{cluster.Namespace}:llmop-eval\" "
                + $"cannot get resource \"evaluationruns\" in API group \"llmoperator.io\" in the namespace \"{cluster.Namespace}\"",
            log,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_times_out_ends_in_an_error_that_pauses_the_rollout()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "timeout");
        var gate = TestManifests.Gate(cluster.Namespace);
        gate["spec"]!["execution"]!["requestTimeout"] = "500ms";
        gate["spec"]!["execution"]!["retries"] = 0;
        await cluster.ApplyAsync(gate, TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")]));
        await cluster.WaitForHealthyAsync("chat");

        await cluster.ApplyAsync(TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("answers")], args: ["--latency=3000"]));
        var paused = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Paused, "paused on the inconclusive evaluation");

        Assert.Equal(PauseReason.InconclusiveEvaluation, Assert.Single(paused.Status!.PauseConditions!).Reason);
        Assert.Contains("gate answers was inconclusive", paused.Status.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", paused.Status.Message, StringComparison.OrdinalIgnoreCase);
        var run = Assert.Single(await cluster.RunsOfAsync("chat"), r => r.Spec.Target.Revision == paused.Status.CanaryRevision);
        Assert.Equal((EvaluationPhase.Error, 3), (run.Status!.Phase!.Value, run.Status.Attempts!.Value));
        await cluster.WaitForEventAsync("chat", e => e.Reason == "EvaluationInconclusive" && e.Type == "Warning", "about the inconclusive evaluation");
        Assert.Equal(0, paused.Status.CanaryWeight);
    }

    [Fact]
    public async Task A_dataset_that_does_not_parse_is_reported_with_its_file_and_line()
    {
        using var cluster = await TestCluster.CreateAsync(sandbox, "dataset");
        var cases = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "cases", ["namespace"] = cluster.Namespace },
            ["data"] = new JsonObject { ["cases.jsonl"] = "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n{not json\n" },
        };
        var gate = TestManifests.Gate(cluster.Namespace, name: "broken");
        gate["spec"]!["dataset"] = new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = "cases", ["key"] = "cases.jsonl" } };
        await cluster.ApplyAsync(cases, gate, TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("broken", onInconclusive: "fail")]));
        await cluster.WaitForHealthyAsync("chat");

        await cluster.ApplyAsync(
            TestManifests.MockModel(cluster.Namespace, "chat", [TestManifests.Evaluate("broken", onInconclusive: "fail")], args: ["--latency=1"]));
        var degraded = await cluster.WaitForModelAsync("chat", m => m.Status?.Phase == RolloutPhase.Degraded, "reported the broken dataset");

        var condition = Conditions.Find(degraded.Status!.Conditions, ConditionTypes.Degraded)!;
        Assert.Equal("EvaluationInconclusive", condition.Reason);
        Assert.Contains("the dataset cannot be used: configmap/cases key cases.jsonl:2: not valid JSON", condition.Message, StringComparison.Ordinal);
        Assert.Equal(
            degraded.Status.StableRevision,
            (await cluster.Services.GetAsync(new(cluster.Namespace, "chat"), default))!.Spec.Selector["llmoperator.io/revision"]);
    }
}
