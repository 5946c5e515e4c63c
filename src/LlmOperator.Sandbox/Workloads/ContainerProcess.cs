using System.Diagnostics;
using System.Globalization;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// A container of the operator's image running as a local llmop process: its output goes to the pod's
/// log, its exit code ends the container, and stopping it sends SIGTERM, then SIGKILL after a grace
/// period, as the kubelet does.
/// </summary>
internal sealed class ContainerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ContainerProcess(Process process)
    {
        _process = process;
        StartedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Starts a process with the given command line and environment, sending each output line to <paramref name="log"/>.</summary>
    public static ContainerProcess Start(
        IReadOnlyList<string> command,
        IEnumerable<KeyValuePair<string, string>> environment,
        string workingDirectory,
        Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var container = new ContainerProcess(process);
        process.OutputDataReceived += (_, e) => Forward(e.Data, log);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, log);
        process.Exited += (_, _) => container.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return container;
    }

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then kills the process tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }

        try
        {
            // A Ctrl+C in the terminal reaches the containers too, so the process may be gone by now:
            // kill's "No such process" is expected and kept off the console.
            var kill = new ProcessStartInfo("kill")
            {
                RedirectStandardError = true,
                ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) },
            };
            using (var signal = Process.Start(kill)!)
            {
                await signal.WaitForExitAsync().ConfigureAwait(false);
            }

            await _exited.Task.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            KillTree();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        KillTree();
        await _exited.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    private void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }

    private void OnExited()
    {
        // WaitForExit after Exited makes sure the asynchronous output readers have drained.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }

    private static void Forward(string? line, Action<string> log)
    {
        if (line is not null)
        {
            log(line);
        }
    }
}
