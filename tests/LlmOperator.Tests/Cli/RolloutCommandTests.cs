using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

// llmop promote, abort and retry against the sandbox API server: status merge patches through the
// status subresource, refusals that write nothing, and conflicts decided again on the fresh status.
public class RolloutCommandTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    private ResourceClient<ModelDeployment> Models => new(sandbox.Client);

    private async Task<ModelDeployment> CreateAsync(ModelDeploymentStatus? status)
    {
        var ns = await sandbox.CreateNamespaceAsync("rollout");
        var created = await Models.CreateAsync(RolloutSamples.Model(ns), default);
        return status is null ? created : (await Models.UpdateStatusAsync(created, m => m.Status = status, default))!;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string command, ModelDeployment model, params string[] more) =>
        CommandLine.RunAsync([command, model.Metadata.Name, "-n", model.Metadata.NamespaceProperty, "--kubeconfig", sandbox.KubeconfigPath, .. more]);

    private async Task<ModelDeployment> ReadAsync(ModelDeployment model) => (await Models.GetAsync(ObjectKey.Of(model), default))!;

    // The spec and metadata are as they were, and the status is the old one with exactly this change.
    private static void AssertOnlyStatusChanged(ModelDeployment before, ModelDeployment after, Action<ModelDeploymentStatus> change)
    {
        Assert.Equal(KubernetesJson.Serialize(before.Spec), KubernetesJson.Serialize(after.Spec));
        Assert.Equal(before.Metadata.Generation, after.Metadata.Generation);
        var expected = KubernetesJson.Deserialize<ModelDeploymentStatus>(KubernetesJson.Serialize(before.Status));
        change(expected);
        Assert.Equal(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(after.Status));
    }

    private async Task AssertRefusedAsync(ModelDeployment before, (int ExitCode, string Output, string Error) result, string error)
    {
        Assert.Equal((1, "", error + "\n"), result);
        Assert.Equal(before.Metadata.ResourceVersion, (await ReadAsync(before)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Promote_removes_the_pause_conditions_with_a_status_patch_and_nothing_else()
    {
        var before = await CreateAsync(RolloutSamples.PausedOnEvaluation());
        sandbox.Server.Requests.Clear();

        var result = await RunAsync("promote", before);

        Assert.Equal(
            (0, $"modeldeployment {before.Metadata.NamespaceProperty}/chat: promoted "
                + "(the operator continues the rollout of revision 7d9f after step 2 of 5)\n", ""),
            result);
        AssertOnlyStatusChanged(before, await ReadAsync(before), s => s.PauseConditions = null);
        var writes = sandbox.Server.Requests.Snapshot()
            .Select(r => $"{r.Verb.ToUpperInvariant()} {r.Path}")
            .Where(r => !r.StartsWith("GET ", StringComparison.Ordinal));
        Assert.Equal([$"PATCH /apis/llmoperator.io/v1alpha1/namespaces/{before.Metadata.NamespaceProperty}/modeldeployments/chat/status"], writes);
    }

    [Fact]
    public async Task Promote_full_sets_promote_full_on_a_rollout_that_is_not_paused()
    {
        var before = await CreateAsync(RolloutSamples.Progressing());

        var (code, output, _) = await RunAsync("promote", before, "--full");

        Assert.Equal(0, code);
        Assert.EndsWith(": promoted fully (the operator skips the remaining steps and makes revision 7d9f stable)\n", output, StringComparison.Ordinal);
        AssertOnlyStatusChanged(before, await ReadAsync(before), s => s.PromoteFull = true);
    }

    [Fact]
    public async Task Promote_refuses_and_writes_nothing_without_a_rollout_when_aborted_or_not_paused()
    {
        var healthy = await CreateAsync(RolloutSamples.Healthy());
        var aborted = await CreateAsync(RolloutSamples.Aborted());
        var running = await CreateAsync(RolloutSamples.Progressing());

        await AssertRefusedAsync(
            healthy,
            await RunAsync("promote", healthy),
            $"llmop promote: modeldeployment {healthy.Metadata.NamespaceProperty}/chat has no rollout in progress, so there is nothing to promote");
        await AssertRefusedAsync(
            aborted,
            await RunAsync("promote", aborted, "--full"),
            $"llmop promote: the rollout of revision 7d9f of modeldeployment {aborted.Metadata.NamespaceProperty}/chat was aborted; "
            + "use llmop retry to roll it out again");
        await AssertRefusedAsync(
            running,
            await RunAsync("promote", running),
            $"llmop promote: the rollout of revision 7d9f of modeldeployment {running.Metadata.NamespaceProperty}/chat is not paused; "
            + "--full skips the remaining steps");
    }

    [Fact]
    public async Task Abort_sets_abort_once_and_then_says_it_is_aborted_already()
    {
        var before = await CreateAsync(RolloutSamples.PausedOnEvaluation());

        var first = await RunAsync("abort", before);
        var aborted = await ReadAsync(before);
        var second = await RunAsync("abort", before);

        Assert.Equal(
            (0, $"modeldeployment {before.Metadata.NamespaceProperty}/chat: aborted (the operator sends all traffic back to revision 5c4a)\n", ""),
            first);
        AssertOnlyStatusChanged(before, aborted, s => s.Abort = true);
        Assert.Equal(0, second.ExitCode);
        Assert.EndsWith(
            ": already aborted (revision 5c4a serves all traffic; llmop retry rolls out revision 7d9f again)\n", second.Output, StringComparison.Ordinal);
        Assert.Equal(aborted.Metadata.ResourceVersion, (await ReadAsync(before)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Abort_refuses_without_a_rollout()
    {
        var before = await CreateAsync(null);

        await AssertRefusedAsync(
            before,
            await RunAsync("abort", before),
            $"llmop abort: modeldeployment {before.Metadata.NamespaceProperty}/chat has no rollout in progress, so there is nothing to abort");
    }

    [Fact]
    public async Task Retry_clears_abort_and_refuses_a_rollout_that_is_not_aborted()
    {
        var aborted = await CreateAsync(RolloutSamples.Aborted());
        var running = await CreateAsync(RolloutSamples.Progressing());

        var result = await RunAsync("retry", aborted);

        Assert.Equal(
            (0, $"modeldeployment {aborted.Metadata.NamespaceProperty}/chat: retrying (the operator rolls out revision 7d9f again from step 1)\n", ""),
            result);
        AssertOnlyStatusChanged(aborted, await ReadAsync(aborted), s => s.Abort = false);
        await AssertRefusedAsync(
            running,
            await RunAsync("retry", running),
            $"llmop retry: the rollout of revision 7d9f of modeldeployment {running.Metadata.NamespaceProperty}/chat is not aborted, "
            + "so there is nothing to retry");
    }

    [Fact]
    public async Task A_missing_model_deployment_or_an_unreachable_api_is_one_line_and_exit_1()
    {
        var ns = await sandbox.CreateNamespaceAsync("rollout");
        using var folder = new TempDirectory();
        var unreachable = KubernetesClientConfiguration.LoadKubeConfig(sandbox.KubeconfigPath);
        unreachable.Clusters.First().ClusterEndpoint.Server = "https://127.0.0.1:1";
        var kubeconfig = folder.Write("unreachable.kubeconfig", KubernetesYaml.Serialize(unreachable));

        var missing = await CommandLine.RunAsync("retry", "missing", "-n", ns, "--kubeconfig", sandbox.KubeconfigPath);
        var down = await CommandLine.RunAsync("abort", "chat", "-n", ns, "--kubeconfig", kubeconfig);
        var noFile = await CommandLine.RunAsync("promote", "chat", "--kubeconfig", Path.Combine(folder.Path, "absent"));

        Assert.Equal((1, "", $"llmop retry: modeldeployment {ns}/missing not found\n"), missing);
        Assert.Equal(1, down.ExitCode);
        Assert.StartsWith("llmop abort: cannot reach the Kubernetes API at https://127.0.0.1:1", down.Error, StringComparison.Ordinal);
        Assert.Equal(1, noFile.ExitCode);
        Assert.StartsWith("llmop promote: cannot load the kubeconfig: ", noFile.Error, StringComparison.Ordinal);
        Assert.All([missing.Error, down.Error, noFile.Error], e => Assert.Single(e.TrimEnd('\n').Split('\n')));
    }

    [Fact]
    public async Task The_namespace_defaults_to_the_kubeconfig_contexts()
    {
        var before = await CreateAsync(RolloutSamples.PausedOnEvaluation());
        using var folder = new TempDirectory();
        var config = KubernetesClientConfiguration.LoadKubeConfig(sandbox.KubeconfigPath);
        config.Contexts.First(c => c.Name == config.CurrentContext).ContextDetails.Namespace = before.Metadata.NamespaceProperty;
        var kubeconfig = folder.Write("namespaced.kubeconfig", KubernetesYaml.Serialize(config));

        var (code, output, error) = await CommandLine.RunAsync("abort", "chat", "--kubeconfig", kubeconfig);

        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith($"modeldeployment {before.Metadata.NamespaceProperty}/chat: aborted", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_without_a_name_is_a_usage_error()
    {
        var (code, _, error) = await CommandLine.RunAsync("promote", "--full");

        Assert.Equal(2, code);
        Assert.StartsWith("llmop: Required argument missing for command: 'promote'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_injected_conflict_is_retried_after_a_fresh_read()
    {
        var before = await CreateAsync(RolloutSamples.Aborted());
        sandbox.Server.Faults.FailNext(1, 409, "PATCH", $"/namespaces/{before.Metadata.NamespaceProperty}/modeldeployments/chat/status");

        var (code, _, error) = await RunAsync("retry", before);

        Assert.Equal((0, ""), (code, error));
        Assert.False((await ReadAsync(before)).Status!.Abort);
    }

    [Fact]
    public async Task A_status_changed_between_read_and_patch_is_decided_again_and_keeps_the_other_writers_change()
    {
        // Read while paused at step 2; the operator then moves on to the pause at step 4 before our patch.
        var read = await CreateAsync(RolloutSamples.PausedOnEvaluation());
        var moved = await Models.UpdateStatusAsync(read, m =>
        {
            m.Status!.CurrentStepIndex = 3;
            m.Status.CanaryWeight = 50;
            m.Status.Message = "Step 4 of 5: paused with 50% of traffic on revision 7d9f; llmop promote continues.";
            m.Status.PauseConditions = [new PauseCondition { Reason = PauseReason.CanaryPauseStep, StartTime = RolloutSamples.Start.AddMinutes(20) }];
        }, default);
        sandbox.Server.Requests.Clear();

        var outcome = await RolloutCommand.ChangeAsync(Models, read, m => PromoteCommand.Decide(m, full: false), default);
        var calls = sandbox.Server.Requests.Snapshot().Select(r => $"{r.Verb.ToUpperInvariant()} {r.Status}").ToList();

        Assert.Equal(
            CommandOutcome.Done(
                $"modeldeployment {read.Metadata.NamespaceProperty}/chat: promoted (the operator continues the rollout of revision 7d9f after step 4 of 5)"),
            outcome);
        Assert.Equal(["PATCH 409", "GET 200", "PATCH 200"], calls);
        AssertOnlyStatusChanged(moved!, await ReadAsync(read), s => s.PauseConditions = null);
    }

    [Fact]
    public async Task A_precondition_that_no_longer_holds_after_a_conflict_is_refused_without_writing()
    {
        // Read while paused; the rollout is aborted (by a failed gate) before our promotion lands.
        var read = await CreateAsync(RolloutSamples.PausedOnEvaluation());
        var aborted = await Models.UpdateStatusAsync(read, m => m.Status = RolloutSamples.Aborted(), default);

        var outcome = await RolloutCommand.ChangeAsync(Models, read, m => PromoteCommand.Decide(m, full: false), default);

        Assert.Equal(
            CommandOutcome.Refused(
                $"the rollout of revision 7d9f of modeldeployment {read.Metadata.NamespaceProperty}/chat was aborted; use llmop retry to roll it out again"),
            outcome);
        Assert.Equal(aborted!.Metadata.ResourceVersion, (await ReadAsync(read)).Metadata.ResourceVersion);
    }
}
