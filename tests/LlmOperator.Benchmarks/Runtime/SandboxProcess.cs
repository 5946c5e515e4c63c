using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LlmOperator.Testing;

namespace LlmOperator.Benchmarks.Runtime;

/// <summary>
/// `llmop sandbox --no-operator` in a process of its own, so that the benchmark's memory is the
/// operator's alone; <c>--apply</c> paths (under the repository) are applied when it starts, and the
/// Jobs it simulates run for <c>--simulated-job-duration</c> when one is given.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SandboxProcess(Process process, string kubeconfig)
    {
        _process = process;
        KubeconfigPath = kubeconfig;
    }

    public string KubeconfigPath { get; }

    public static Task<SandboxProcess> StartAsync(CancellationToken cancellationToken, params string[] apply) => StartAsync(apply, null, cancellationToken);

    public static async Task<SandboxProcess> StartAsync(string[] apply, TimeSpan? simulatedJobDuration, CancellationToken cancellationToken)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"llmop-bench-{Guid.NewGuid():N}.kubeconfig");
        var start = new ProcessStartInfo(Llmop.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Llmop.Command.Skip(1)
            .Concat(
            [
                "sandbox", "--no-operator", "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--write-kubeconfig", kubeconfig,
            ])
            .Concat(apply.SelectMany(path => new[] { "--apply", RepositoryPaths.Combine(path) }))
            .Concat(simulatedJobDuration is { } duration ? ["--simulated-job-duration", $"{(long)duration.TotalMilliseconds}ms"] : []))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("llmop sandbox did not start");
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("press Ctrl+C", StringComparison.Ordinal))
            {
                return new SandboxProcess(process, kubeconfig);
            }
        }

        throw new InvalidOperationException("llmop sandbox ended: " + await process.StandardError.ReadToEndAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        File.Delete(KubeconfigPath);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
