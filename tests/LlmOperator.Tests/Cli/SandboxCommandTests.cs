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
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "llmop.dll"), "sandbox", "--port", "0", "--write-kubeconfig", kubeconfig, "--apply", RepositoryPaths.Combine("config", "crd", "bases") })
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
