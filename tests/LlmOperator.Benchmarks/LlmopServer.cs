using System.Diagnostics;

namespace LlmOperator.Benchmarks;

/// <summary>An llmop server (mock-llm, router) in its own process, so that its CPU and memory count for no contender.</summary>
internal sealed class LlmopServer : IDisposable
{
    private readonly Process _process;

    private LlmopServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>Where it listens, for example http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>Starts <c>llmop ARGS</c> and waits for its first line, "... listening on URL ...".</summary>
    public static async Task<LlmopServer> StartAsync(string llmop, params string[] arguments)
    {
        var start = new ProcessStartInfo(llmop) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"llmop {arguments[0]} did not start");
        var line = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"llmop {arguments[0]} exited: " + await process.StandardError.ReadToEndAsync());
        const string Marker = "listening on ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            process.Kill();
            throw new InvalidOperationException($"llmop {arguments[0]} said: {line}");
        }

        var url = line[(at + Marker.Length)..line.IndexOf(' ', at + Marker.Length)];
        return new LlmopServer(process, new Uri(url));
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
