using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Tests.Conformance;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Workloads;

public class WorkloadTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string OperatorImage = "ghcr.io/llmoperator/llmop:0.1.0";

    private static string Deployment(string name, int replicas, string image = "vllm/vllm-openai:v0.6.0") => new JsonObject
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "server", ["image"] = image }) },
            },
        },
    }.ToJsonString();

    private static string Job(string name, string[] args, int? deadline = null)
    {
        var spec = new JsonObject
        {
            ["backoffLimit"] = 0,
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "llmop",
                        ["image"] = OperatorImage,
                        ["args"] = new JsonArray([.. args.Select(a => (JsonNode?)a)]),
                    }),
                },
            },
        };
        if (deadline is not null)
        {
            spec["activeDeadlineSeconds"] = deadline;
        }

        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        }.ToJsonString();
    }

    private async Task<JsonNode> GetAsync(string path) => (await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Get, path)).Body!;

    private async Task<JsonNode> WaitForAsync(string path, Func<JsonNode, bool> condition)
    {
        JsonNode? last = null;
        Assert.True(await Eventually.Async(async () => condition(last = await GetAsync(path))), $"{path} never got there: {last?.ToJsonString()}");
        return last!;
    }

    [Fact]
    public async Task A_deployment_s_pods_become_ready_and_follow_its_replicas_and_template()
    {
        var ns = await sandbox.CreateNamespaceAsync("deploy");
        var path = $"/apis/apps/v1/namespaces/{ns}/deployments/web";
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", Deployment("web", 2));

        var ready = await WaitForAsync(path, d => (int?)d["status"]?["readyReplicas"] == 2);
        var pods = (await GetAsync($"/api/v1/namespaces/{ns}/pods?labelSelector=app%3Dweb"))["items"]!.AsArray();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("Running", (string)p!["status"]!["phase"]!));
        var replicaSet = Assert.Single((await GetAsync($"/apis/apps/v1/namespaces/{ns}/replicasets"))["items"]!.AsArray())!;
        var replicaSetName = (string)replicaSet["metadata"]!["name"]!;
        var deploymentOwner = replicaSet["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("Deployment", "web"), ((string)deploymentOwner["kind"]!, (string)deploymentOwner["name"]!));
        Assert.All(pods, p => Assert.Equal(
            ("ReplicaSet", replicaSetName),
            ((string)p!["metadata"]!["ownerReferences"]![0]!["kind"]!, (string)p["metadata"]!["ownerReferences"]![0]!["name"]!)));
        Assert.All(pods, p => Assert.Matches($"^{replicaSetName}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$", (string)p!["metadata"]!["name"]!));
        Assert.Equal("True", (string)ready["status"]!["conditions"]!.AsArray().Single(c => (string)c!["type"]! == "Available")!["status"]!);
        Assert.Equal(1, (int)ready["status"]!["observedGeneration"]!);

        ready["spec"]!["replicas"] = 3;
        ready["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "vllm/vllm-openai:v0.7.0";
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Put, path, ready.ToJsonString());

        var rolled = await WaitForAsync(path, d => (int?)d["status"]?["updatedReplicas"] == 3
            && (int?)d["status"]?["replicas"] == 3
            && (int?)d["status"]?["readyReplicas"] == 3);
        Assert.Equal(2, (int)rolled["status"]!["observedGeneration"]!);
        var images = (await GetAsync($"/api/v1/namespaces/{ns}/pods?labelSelector=app%3Dweb"))["items"]!
            .AsArray()
            .Select(p => (string)p!["spec"]!["containers"]![0]!["image"]!);
        Assert.Equal(["vllm/vllm-openai:v0.7.0", "vllm/vllm-openai:v0.7.0", "vllm/vllm-openai:v0.7.0"], images);
    }

    [Fact]
    public async Task A_job_of_the_operator_image_runs_llmop_and_completes_with_its_exit_code()
    {
        var ns = await sandbox.CreateNamespaceAsync("job");
        var samples = RepositoryPaths.Combine("config", "samples");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/apis/batch/v1/namespaces/{ns}/jobs", Job("passes", ["validate", samples]));
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/apis/batch/v1/namespaces/{ns}/jobs", Job("fails", ["validate", "/no/such/path"]));

        var passed = await WaitForAsync($"/apis/batch/v1/namespaces/{ns}/jobs/passes", j => j["status"]?["conditions"] is JsonArray { Count: > 0 });
        var failed = await WaitForAsync($"/apis/batch/v1/namespaces/{ns}/jobs/fails", j => j["status"]?["conditions"] is JsonArray { Count: > 0 });

        Assert.Equal(["SuccessCriteriaMet", "Complete"], passed["status"]!["conditions"]!.AsArray().Select(c => (string)c!["type"]!));
        Assert.Equal(1, (int)passed["status"]!["succeeded"]!);
        Assert.NotNull(passed["status"]!["completionTime"]);
        Assert.Equal(["FailureTarget", "Failed"], failed["status"]!["conditions"]!.AsArray().Select(c => (string)c!["type"]!));
        Assert.Equal("BackoffLimitExceeded", (string)failed["status"]!["conditions"]![1]!["reason"]!);

        var pod = (await GetAsync($"/api/v1/namespaces/{ns}/pods?labelSelector=job-name%3Dfails"))["items"]![0]!;
        Assert.Equal("Failed", (string)pod["status"]!["phase"]!);
        Assert.Equal(2, (int)pod["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!["exitCode"]!);
        var log = (await sandbox.Http.GetStringAsync($"/api/v1/namespaces/{ns}/pods/{(string)pod["metadata"]!["name"]!}/log"));
        Assert.Equal("llmop validate: no such file or folder: /no/such/path\n", log);
    }

    [Fact]
    public async Task A_job_past_its_deadline_is_killed_and_fails()
    {
        var ns = await sandbox.CreateNamespaceAsync("deadline");
        await ApiCalls.SendAsync(sandbox.Http, HttpMethod.Post, $"/apis/batch/v1/namespaces/{ns}/jobs", Job("hangs", ["sandbox", "--port", "0"], deadline: 2));

        var failed = await WaitForAsync($"/apis/batch/v1/namespaces/{ns}/jobs/hangs", j => j["status"]?["conditions"] is JsonArray { Count: > 0 });

        Assert.Equal("DeadlineExceeded", (string)failed["status"]!["conditions"]![1]!["reason"]!);
        Assert.True(await Eventually.Async(async () => (await GetAsync($"/api/v1/namespaces/{ns}/pods"))["items"]!.AsArray().Count == 0));
    }
}
