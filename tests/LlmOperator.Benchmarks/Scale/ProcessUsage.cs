using System.Diagnostics;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// This process's CPU time and peak resident memory over a phase. The operator runs in this process, so
/// the figures are the operator's plus the benchmark's own client (its object creation and its watch).
/// </summary>
internal sealed class ProcessUsage
{
    private readonly TimeSpan _cpuAtStart;

    private ProcessUsage(TimeSpan cpuAtStart) => _cpuAtStart = cpuAtStart;

    /// <summary>Starts a phase: the CPU time so far, and the peak resident memory reset to the current one.</summary>
    public static ProcessUsage Start()
    {
        // A full collection first, so that a phase's peak does not start from what an earlier phase left on
        // the heap; then writing 5 to clear_refs resets VmHWM (Linux 4.0+) to the current resident size.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        File.WriteAllText("/proc/self/clear_refs", "5");
        using var self = Process.GetCurrentProcess();
        return new ProcessUsage(self.TotalProcessorTime);
    }

    /// <summary>User plus system CPU time since the phase started.</summary>
    public TimeSpan Cpu
    {
        get
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime - _cpuAtStart;
        }
    }

    /// <summary>The peak resident memory since the phase started.</summary>
    public static long PeakResidentBytes => ResourceUsage.PeakResidentBytes(Environment.ProcessId) ?? 0;
}
