using System.Diagnostics;

namespace LlmOperator.Testing;

/// <summary>
/// Runs the real kubectl against a kubeconfig, each instance with its own cache folder so that
/// discovery does not leak between tests. The binary is $KUBECTL, else kubectl on the PATH.
/// </summary>
public sealed class Kubectl(string kubeconfig) : IDisposable
{
    private readonly TempDirectory _cache = new();

    /// <summary>The kubectl binary the tests use.</summary>
    public static string Binary => Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } path ? path : "kubectl";

    /// <summary>Runs kubectl and waits for it to end.</summary>
    public async Task<KubectlResult> RunAsync(params string[] args) => await RunAsync(args, stdin: null, TimeSpan.FromSeconds(60)).ConfigureAwait(false);

    /// <summary>Runs kubectl with standard input and waits for it to end (or kills it at the timeout).</summary>
    public async Task<KubectlResult> RunAsync(IReadOnlyList<string> args, string? stdin, TimeSpan timeout)
    {
        using var process = Start(args, stdin);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {timeout}: {await error.ConfigureAwait(false)}");
        }

        return new KubectlResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Starts kubectl and returns the running process (for watches), with stdout and stderr redirected.</summary>
    public Process Start(IReadOnlyList<string> args, string? stdin = null)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--kubeconfig", kubeconfig, "--cache-dir", _cache.Path }.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        return process;
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
