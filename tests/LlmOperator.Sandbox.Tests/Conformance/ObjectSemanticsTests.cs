using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Conformance;

public class ObjectSemanticsTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    [Fact]
    public async Task Create_sets_uid_timestamp_version_and_generation_and_drops_status()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var body = ApiCalls.ModelDeployment("a").Replace("\"spec\"", "\"status\":{\"phase\":\"Healthy\"},\"spec\"", StringComparison.Ordinal);

        var (code, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), body);

        Assert.Equal(201, code);
        var meta = created!["metadata"]!;
        Assert.Equal(ns, (string)meta["namespace"]!);
        Assert.True(Guid.TryParse((string)meta["uid"]!, out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string)meta["creationTimestamp"]!);
        Assert.Equal(1, (int)meta["generation"]!);
        Assert.True(long.Parse((string)meta["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Null(created["status"]);
        Assert.Equal(1, (int)created["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Spec_and_status_are_written_apart_and_only_spec_changes_bump_generation()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("a"));
        var path = $"{ApiCalls.ModelDeployments(ns)}/a";

        var withStatus = created!.DeepClone();
        withStatus["status"] = new JsonObject { ["phase"] = "Healthy" };
        var (statusCode, afterStatus, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, path + "/status", withStatus.ToJsonString());
        var ignored = afterStatus!.DeepClone();
        ignored["status"] = new JsonObject { ["phase"] = "Degraded" };
        ignored["metadata"]!["labels"] = new JsonObject { ["team"] = "ml" };
        var (_, afterMain, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, path, ignored.ToJsonString());
        var respec = afterMain!.DeepClone();
        respec["spec"]!["replicas"] = 3;
        var (_, afterSpec, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, path, respec.ToJsonString());

        Assert.Equal(200, statusCode);
        Assert.Equal("Healthy", (string)afterStatus["status"]!["phase"]!);
        Assert.Equal(1, (int)afterStatus["metadata"]!["generation"]!);
        Assert.Equal("Healthy", (string)afterMain["status"]!["phase"]!);
        Assert.Equal("ml", (string)afterMain["metadata"]!["labels"]!["team"]!);
        Assert.Equal(1, (int)afterMain["metadata"]!["generation"]!);
        Assert.Equal(2, (int)afterSpec!["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task A_put_with_a_stale_resourceVersion_is_a_409_conflict()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("a"));
        var first = created!.DeepClone();
        first["spec"]!["replicas"] = 2;
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"{ApiCalls.ModelDeployments(ns)}/a", first.ToJsonString());
        var stale = created.DeepClone();
        stale["spec"]!["replicas"] = 5;

        var (code, status, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"{ApiCalls.ModelDeployments(ns)}/a", stale.ToJsonString());

        Assert.Equal(409, code);
        Assert.Equal("Conflict", (string)status!["reason"]!);
        Assert.Equal(
            "Operation cannot be fulfilled on modeldeployments.llmoperator.io \"a\": the object has been modified; "
                + "please apply your changes to the latest version and try again",
            (string)status["message"]!);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_resourceVersion()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var (_, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("a"));

        var (_, same, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, $"{ApiCalls.ModelDeployments(ns)}/a", created!.ToJsonString());

        Assert.Equal((string)created["metadata"]!["resourceVersion"]!, (string)same!["metadata"]!["resourceVersion"]!);
    }

    [Fact]
    public async Task Generate_name_gives_a_random_suffix_and_a_missing_namespace_is_not_found()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var body = ApiCalls.ModelDeployment("x").Replace("\"name\":\"x\"", "\"generateName\":\"llama-\"", StringComparison.Ordinal);

        var (code, created, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), body);
        var (missingCode, missing, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments("nowhere"),
            ApiCalls.ModelDeployment("a"));

        Assert.Equal(201, code);
        Assert.Matches("^llama-[a-z0-9]{5}$", (string)created!["metadata"]!["name"]!);
        Assert.Equal(404, missingCode);
        Assert.Equal("namespaces \"nowhere\" not found", (string)missing!["message"]!);
    }

    [Fact]
    public async Task Deletion_waits_for_finalizers_and_completes_when_the_last_is_removed()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var body = ApiCalls.ModelDeployment("a").Replace("\"name\":\"a\"", "\"name\":\"a\",\"finalizers\":[\"example.com/hold\"]", StringComparison.Ordinal);
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), body);
        var path = $"{ApiCalls.ModelDeployments(ns)}/a";

        var (deleteCode, terminating, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, path);
        var (getCode, stillThere, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, path);
        var released = stillThere!.DeepClone();
        released["metadata"]!.AsObject().Remove("finalizers");
        var (putCode, _, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, path, released.ToJsonString());
        var (goneCode, _, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, path);

        Assert.Equal(200, deleteCode);
        Assert.NotNull(terminating!["metadata"]!["deletionTimestamp"]);
        Assert.Equal(200, getCode);
        Assert.Equal(200, putCode);
        Assert.Equal(404, goneCode);
    }

    [Fact]
    public async Task Lists_filter_by_label_and_field_and_page_with_limit_and_continue()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        foreach (var (name, tier) in new[] { ("a", "gold"), ("b", "silver"), ("c", "gold"), ("d", "gold") })
        {
            await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns),
                ApiCalls.ModelDeployment(name).Replace(
                    $"\"name\":\"{name}\"", $"\"name\":\"{name}\",\"labels\":{{\"tier\":\"{tier}\"}}", StringComparison.Ordinal));
        }

        var (_, gold, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, ApiCalls.ModelDeployments(ns) + "?labelSelector=tier%3Dgold&limit=2");
        var (_, rest, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, ApiCalls.ModelDeployments(ns)
            + $"?labelSelector=tier%3Dgold&limit=2&continue={Uri.EscapeDataString((string)gold!["metadata"]!["continue"]!)}");
        var (_, byName, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, ApiCalls.ModelDeployments(ns) + "?fieldSelector=metadata.name%3Db");
        var (badCode, bad, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, ApiCalls.ModelDeployments(ns) + "?fieldSelector=spec.engine%3Dmock");

        Assert.Equal(["a", "c"], gold["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal(1, (int)gold["metadata"]!["remainingItemCount"]!);
        Assert.Equal(["d"], rest!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal("ModelDeploymentList", (string)byName!["kind"]!);
        Assert.Equal(["b"], byName["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal(400, badCode);
        Assert.Equal("field label not supported: spec.engine", (string)bad!["message"]!);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_what_is_in_it()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, ApiCalls.ModelDeployments(ns), ApiCalls.ModelDeployment("a"));
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}""");

        var (code, terminating, _) = await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Delete, $"/api/v1/namespaces/{ns}");
        var gone = await Eventually.Async(async () => (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"/api/v1/namespaces/{ns}")).Code == 404);

        Assert.Equal(200, code);
        Assert.Equal("Terminating", (string)terminating!["status"]!["phase"]!);
        Assert.True(gone);
        Assert.Equal(404, (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, $"{ApiCalls.ModelDeployments(ns)}/a")).Code);
    }
}
