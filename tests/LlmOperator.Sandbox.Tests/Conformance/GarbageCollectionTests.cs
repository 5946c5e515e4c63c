using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Conformance;

public class GarbageCollectionTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    private async Task<(string Ns, string OwnerUid)> OwnerWithChildAsync()
    {
        var ns = await sandbox.CreateNamespaceAsync("gc");
        var (_, owner, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("owner"));
        var uid = (string)owner!["metadata"]!["uid"]!;
        var child = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = "child",
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "llmoperator.io/v1alpha1",
                    ["kind"] = "ModelDeployment",
                    ["name"] = "owner",
                    ["uid"] = uid,
                    ["controller"] = true,
                }),
            },
        };
        Assert.Equal(201, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", child.ToJsonString())).Code);
        return (ns, uid);
    }

    private Task<int> ChildCodeAsync(string ns) =>
        ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/child")
            .ContinueWith(t => t.Result.Code, TaskScheduler.Default);

    [Fact]
    public async Task Background_deletion_removes_the_owner_then_its_dependents()
    {
        var (ns, _) = await OwnerWithChildAsync();

        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, $"{ApiCalls.ModelDeployments(ns)}/owner");

        Assert.Equal(404, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{ApiCalls.ModelDeployments(ns)}/owner")).Code);
        Assert.True(await Eventually.Async(async () => await ChildCodeAsync(ns) == 404));
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone()
    {
        var (ns, _) = await OwnerWithChildAsync();

        var (code, owner, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, $"{ApiCalls.ModelDeployments(ns)}/owner",
            """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground"}""");

        Assert.Equal(200, code);
        Assert.Equal(["foregroundDeletion"], owner!["metadata"]!["finalizers"]!.AsArray().Select(f => (string)f!));
        Assert.True(await Eventually.Async(async () => await ChildCodeAsync(ns) == 404));
        Assert.True(await Eventually.Async(async () =>
            (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{ApiCalls.ModelDeployments(ns)}/owner")).Code == 404));
    }

    [Fact]
    public async Task Orphan_deletion_leaves_dependents_without_their_owner_reference()
    {
        var (ns, _) = await OwnerWithChildAsync();

        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, $"{ApiCalls.ModelDeployments(ns)}/owner?propagationPolicy=Orphan");
        await Task.Delay(200);
        var (code, child, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/child");

        Assert.Equal(200, code);
        Assert.Null(child!["metadata"]!["ownerReferences"]);
    }
}
