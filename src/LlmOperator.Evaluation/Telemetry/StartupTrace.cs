using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace LlmOperator.Evaluation.Telemetry;

/// <summary>
/// Where a short-lived <c>llmop eval</c> spends its start-up, for the evaluator benchmark: with
/// <c>LLMOP_STARTUP_TRACE=1</c> each phase prints to stderr the milliseconds since the process started,
/// since the previous phase, and the JIT's methods and time so far. Off, a mark costs one field read.
/// </summary>
public static class StartupTrace
{
    /// <summary>The environment variable that turns the trace on.</summary>
    public const string EnvironmentVariable = "LLMOP_STARTUP_TRACE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(EnvironmentVariable) is "1" or "true";
    private static double _previous;

    /// <summary>Prints one phase's line when the trace is on.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var since = (DateTime.Now - process.StartTime).TotalMilliseconds;
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"llmop startup: {since,7:0} ms (+{since - _previous,5:0}) {phase}; JIT {JitInfo.GetCompiledMethodCount(),5} methods, "
            + $"{JitInfo.GetCompilationTime().TotalMilliseconds,5:0} ms; CPU {process.TotalProcessorTime.TotalMilliseconds,5:0} ms"));
        _previous = since;
    }
}
