using System.Diagnostics;

namespace LlmOperator.Benchmarks.Evaluator;

/// <summary>A command run to completion as a child process, with its wall time, CPU time and peak memory.</summary>
internal sealed record ChildRun(int ExitCode, TimeSpan Wall, TimeSpan Cpu, long PeakBytes, string Output, string Error)
{
    public static async Task<ChildRun> RunAsync(
        string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var cpuBefore = ResourceUsage.ChildrenCpu();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ResourceUsage.PeakResidentBytes(process.Id) ?? 0);
            await Task.Delay(10);
        }

        await process.WaitForExitAsync();
        clock.Stop();
        return new ChildRun(process.ExitCode, clock.Elapsed, ResourceUsage.ChildrenCpu() - cpuBefore, peak, await output, await error);
    }
}
