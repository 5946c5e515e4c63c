using k8s;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

// llmop abort and retry --adapter against the sandbox API server: one status merge patch of the adapter's entry.
public class AdapterCommandTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    [Fact]
    public async Task Abort_adapter_patches_the_adapter_s_status_and_nothing_else()
    {
        var models = new ResourceClient<ModelDeployment>(sandbox.Client);
        var ns = await sandbox.CreateNamespaceAsync("adapter");
        var created = await models.CreateAsync(RolloutSamples.Model(ns), default);
        var status = RolloutSamples.Healthy();
        status.Adapters = [new AdapterStatus { Name = "sql", StableRevision = "1d7a", CandidateRevision = "6c0e", Phase = RolloutPhase.Progressing }];
        var before = (await models.UpdateStatusAsync(created, m => m.Status = status, default))!;

        var result = await CommandLine.RunAsync(["abort", "chat", "-n", ns, "--kubeconfig", sandbox.KubeconfigPath, "--adapter", "sql"]);

        Assert.Equal(
            (0, $"modeldeployment {ns}/chat: adapter sql aborted (the operator unloads revision 6c0e; revision 1d7a serves)\n", ""), result);
        var after = (await models.GetAsync(ObjectKey.Of(before), default))!;
        status.Adapters[0].Abort = true;
        Assert.Equal(KubernetesJson.Serialize(status), KubernetesJson.Serialize(after.Status));
        Assert.Equal(before.Metadata.Generation, after.Metadata.Generation);
    }
}
