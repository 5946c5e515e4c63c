using System.Text.Json.Nodes;
using LlmOperator.Testing;

namespace LlmOperator.Sandbox.Tests.Kubectl;

/// <summary>kubectl logs in its usual forms against containers that run llmop as processes.</summary>
public sealed class KubectlLogsTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IDisposable
{
    private const string OperatorImage = "ghcr.io/llmoperator/llmop:0.1.0";
    private readonly Testing.Kubectl _kubectl = sandbox.Kubectl();

    public void Dispose() => _kubectl.Dispose();

    private static string Container(string name, string args) => $"{{name: {name}, image: \"{OperatorImage}\", args: [{args}]}}";

    private async Task ApplyAsync(string ns, string yaml) =>
        (await _kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], yaml, TimeSpan.FromSeconds(60))).Succeeded();

    private async Task<string> LogsAsync(string ns, params string[] args) => (await _kubectl.RunAsync(["logs", "-n", ns, .. args])).Succeeded();

    private async Task WaitAsync(string ns, string what, string jsonPath, Func<string, bool> done) =>
        Assert.True(await Eventually.Async(async () => done((await _kubectl.RunAsync("get", what, "-n", ns, "-o", $"jsonpath={jsonPath}")).Output),
            TimeSpan.FromSeconds(60)), $"{what} {jsonPath}");

    [Fact]
    public async Task Logs_of_a_job_are_cut_by_tail_since_and_limit_bytes_and_carry_timestamps_and_prefixes_on_request()
    {
        var ns = await sandbox.CreateNamespaceAsync("logs");
        var samples = RepositoryPaths.Combine("config", "samples");
        await ApplyAsync(ns, $$$"""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: lines}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{{{Container("llmop", $"validate, \"{samples}\"")}}}]
            """);
        await WaitAsync(ns, "job/lines", "{.status.succeeded}", s => s == "1");

        var all = await LogsAsync(ns, "job/lines");
        var tail = await LogsAsync(ns, "job/lines", "--tail=1");
        var stamped = await LogsAsync(ns, "job/lines", "--timestamps", "--since=1h");
        var limited = await LogsAsync(ns, "job/lines", "--limit-bytes=10");
        var prefixed = await LogsAsync(ns, "-l", "job-name=lines", "--prefix");
        var wrong = await _kubectl.RunAsync("logs", "-n", ns, "job/lines", "-c", "nope");

        var lines = all.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length >= 2, all);
        Assert.Matches(@"^0 errors in \d+ objects", lines[^1]);
        Assert.Equal(lines[^1] + "\n", tail);
        Assert.All(stamped.TrimEnd('\n').Split('\n'), l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z ", l));
        Assert.Equal(all[..10], limited);
        Assert.Matches(@"^\[pod/lines-[a-z0-9]+/llmop\] ", prefixed);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("container nope is not valid for pod lines-", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crashing_container_s_previous_run_is_kept_and_following_it_ends_with_its_run()
    {
        var ns = await sandbox.CreateNamespaceAsync("crash");
        await ApplyAsync(ns, $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: crash}
            spec:
              selector: {matchLabels: {app: crash}}
              template:
                metadata: {labels: {app: crash}}
                spec:
                  containers: [{{{Container("llmop", "validate, /no/such/path")}}}]
            """);
        await WaitAsync(ns, "pods", "{.items[0].status.containerStatuses[0].restartCount}", s => int.TryParse(s, out var n) && n >= 2);

        var previous = await LogsAsync(ns, "deployment/crash", "--previous");
        var followed = await _kubectl.RunAsync(["logs", "-n", ns, "deployment/crash", "-f"], stdin: null, TimeSpan.FromSeconds(30));

        Assert.Equal("llmop validate: no such file or folder: /no/such/path\n", previous);
        Assert.Equal("llmop validate: no such file or folder: /no/such/path\n", followed.Succeeded());
    }

    [Fact]
    public async Task A_pod_with_two_containers_logs_the_default_one_each_named_one_or_all()
    {
        var ns = await sandbox.CreateNamespaceAsync("two");
        await ApplyAsync(ns, $$$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: two}
            spec:
              restartPolicy: Never
              containers:
              - {{{Container("first", "validate, /no/first")}}}
              - {{{Container("second", "validate, /no/second")}}}
            """);
        await WaitAsync(ns, "pod/two", "{.status.phase}", s => s is "Failed" or "Succeeded");

        var defaulted = await _kubectl.RunAsync("logs", "-n", ns, "two");
        var second = await LogsAsync(ns, "two", "-c", "second");
        var both = await LogsAsync(ns, "two", "--all-containers", "--prefix");
        var raw = await sandbox.Http.GetAsync($"/api/v1/namespaces/{ns}/pods/two/log");

        Assert.Equal("llmop validate: no such file or folder: /no/first\n", defaulted.Succeeded());
        Assert.Contains("Defaulted container \"first\" out of: first, second", defaulted.Error, StringComparison.Ordinal);
        Assert.Equal("llmop validate: no such file or folder: /no/second\n", second);
        Assert.Contains("[pod/two/first] llmop validate: no such file or folder: /no/first", both, StringComparison.Ordinal);
        Assert.Contains("[pod/two/second] llmop validate: no such file or folder: /no/second", both, StringComparison.Ordinal);
        Assert.Equal(400, (int)raw.StatusCode);
        Assert.Contains("a container name must be specified for pod two, choose one of: [first second]",
            (string)JsonNode.Parse(await raw.Content.ReadAsStringAsync())!["message"]!, StringComparison.Ordinal);
    }
}
