using System.Collections.Concurrent;
using System.Diagnostics;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// The real llmop running as a process (the operator, mock-llm as a hosted provider, or a command), with its output kept for
/// failure messages.
/// </summary>
public sealed class LlmopProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LlmopProcess(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(Llmop.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Llmop.Command.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("llmop did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Whether it has ended (crashed, or was killed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its peak resident memory so far in bytes (VmHWM in /proc), for bounds on memory.</summary>
    public long PeakResidentBytes =>
        long.Parse(
            File.ReadLines($"/proc/{_process.Id}/status")
                .First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture) * 1024;

    /// <summary>Everything it printed so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts llmop with the arguments.</summary>
    public static LlmopProcess Start(params string[] args) => new(args);

    /// <summary>Runs a command that ends by itself (llmop promote, status ...) and returns its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await using var process = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process._process.WaitForExitAsync(timeout.Token);
        return (process._process.ExitCode, process.Output);
    }

    /// <summary>
    /// Starts mock-llm on a free loopback port and returns it with its OpenAI base URL; <paramref name="answers"/> is its
    /// answers file, and <paramref name="preamble"/> goes before every answer.
    /// </summary>
    public static async Task<(LlmopProcess Process, string BaseUrl)> StartMockLlmAsync(
        string model, double quality, string? answers = null, string? preamble = null, string? apiKey = null)
    {
        string[] book = answers is null ? [] : ["--answers", answers];
        string[] before = preamble is null ? [] : ["--preamble", preamble];
        string[] key = apiKey is null ? [] : ["--api-key", apiKey];
        var share = quality.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Start(["mock-llm", "--port", "0", "--model", model, "--quality", share, .. book, .. before, .. key]);
        const string Listening = "mock-llm listening on ";
        var banner = await process._firstLine.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith(Listening, banner);
        var url = banner[Listening.Length..banner.IndexOf(' ', Listening.Length)];
        return (process, url.TrimEnd('/') + "/v1");
    }

    /// <summary>Kills it at once, as SIGKILL does: no graceful stop, no Lease released.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _firstLine.TrySetResult(line);
    }
}
