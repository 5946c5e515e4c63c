using System.Diagnostics;

namespace LlmOperator.Benchmarks.Evaluator;

/// <summary>llmop mock-llm in its own process, so that its CPU and memory count for neither contender.</summary>
internal sealed class MockLlmProcess : IDisposable
{
    private readonly Process _process;

    private MockLlmProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<MockLlmProcess> StartAsync(string llmop, string answers, int latencyMs, double quality)
    {
        var start = new ProcessStartInfo(llmop) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "mock-llm", "--port", "0", "--answers", answers,
            "--latency", latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--quality", quality.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("mock-llm did not start");
        var line = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("mock-llm exited: " + await process.StandardError.ReadToEndAsync());
        const string Marker = "listening on ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        var url = line[(at + Marker.Length)..line.IndexOf(' ', at + Marker.Length)];
        return new MockLlmProcess(process, new Uri(url));
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
