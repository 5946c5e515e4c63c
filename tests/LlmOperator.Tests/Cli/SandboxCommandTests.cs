using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

public class SandboxCommandTests
{
    [Fact]
    public async Task Llmop_sandbox_serves_kubectl_with_the_kubeconfig_it_writes_and_stops_on_SIGTERM()
    {
        using var dir = new TempDirectory();
        var kubeconfig = Path.Combine(dir.Path, "kubeconfig");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "llmop.dll"), "sandbox", "--port", "0", "--write-kubeconfig", kubeconfig,
            "--apply", RepositoryPaths.Combine("config", "crd", "bases"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync() is { } line && line != "press Ctrl+C to stop")
            {
                lines.Add(line);
            }

            using var kubectl = new Kubectl(kubeconfig);
            var crds = (await kubectl.RunAsync("get", "crd", "-o", "name")).Succeeded();
            using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await signal.WaitForExitAsync();
            }

            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(guard.Token);

            Assert.Matches(@"^sandbox API server listening on https://127\.0\.0\.1:\d+/$", lines[0]);
            Assert.Equal($"export KUBECONFIG={kubeconfig}", lines[1]);
            Assert.Contains("customresourcedefinition.apiextensions.k8s.io/modeldeployments.llmoperator.io created", lines);
            Assert.Contains("customresourcedefinition.apiextensions.k8s.io/modeldeployments.llmoperator.io", crds, StringComparison.Ordinal);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task The_demo_of_make_run_promotes_a_release_that_answers_as_well_and_rolls_back_one_that_answers_worse_and_one_that_breaks_a_pipeline()
    {
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "llmop.dll"), "sandbox", "--port", "0", "--write-kubeconfig", Path.Combine(dir.Path, "kubeconfig"),
            "--apply", RepositoryPaths.Combine("config", "samples", "sandbox"), "--demo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            while (await process.StandardOutput.ReadLineAsync(guard.Token) is { } line && line != "press Ctrl+C to stop")
            {
                lines.Add(line);
            }

            var text = string.Join('\n', lines);
            var second = lines.FindIndex(l => l.StartsWith("demo: release 2 of 3", StringComparison.Ordinal));
            var third = lines.FindIndex(l => l.StartsWith("demo: release 3 of 3", StringComparison.Ordinal));
            Assert.True(second > 0 && third > second, text);
            var healthy = lines[..second]
                .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"Healthy: Revision (\w+) \(chat-small\) (is promoted and )?serves all traffic"))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .Distinct()
                .ToList();
            Assert.True(healthy.Count == 2, text);
            // Release 2 answers worse alone and inside the pipeline: whichever verdict comes first ends it.
            Assert.Contains(
                lines[second..third],
                l => l.Contains("chat Degraded: Rollout of revision", StringComparison.Ordinal)
                    && (l.Contains("gate answers failed: the pass rate", StringComparison.Ordinal)
                        || l.Contains("gate answers of pipeline chat-widget failed with model chat's canary: the pass rate", StringComparison.Ordinal)));
            // Release 3 passes its own gate; only the pipeline's verdict can end it.
            Assert.Contains(
                lines[third..],
                l => l.Contains("chat Degraded: Rollout of revision", StringComparison.Ordinal)
                    && l.Contains("gate answers of pipeline chat-widget failed with model chat's canary: the pass rate", StringComparison.Ordinal));
            Assert.StartsWith("demo: done.", lines[^1], StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void A_port_in_use_is_a_clear_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, error) = CommandLine.Run("sandbox", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, code);
        Assert.Equal($"llmop sandbox: port {port} is already in use on 127.0.0.1; choose another with --port, or --port 0 for a free one\n", error);
    }

    [Fact]
    public void A_manifest_that_does_not_apply_stops_the_sandbox_with_its_reason()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("bad.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");

        var (code, _, error) = CommandLine.Run("sandbox", "--port", "0", "--apply", bad);

        Assert.Equal(1, code);
        Assert.Equal("llmop sandbox: --apply: no matches for kind \"Widget\" in version \"example.com/v1\"\n", error);
    }
}
