using System.Globalization;
using System.Runtime.InteropServices;

namespace LlmOperator.Benchmarks;

/// <summary>CPU time of finished child processes (getrusage) and the peak memory of a running one (/proc VmHWM).</summary>
internal static partial class ResourceUsage
{
    private const int Children = -1;

    /// <summary>User plus system CPU time of every child process waited for so far.</summary>
    public static TimeSpan ChildrenCpu()
    {
        if (GetRUsage(Children, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed with errno {Marshal.GetLastPInvokeError()}");
        }

        return usage.UserTime.ToTimeSpan() + usage.SystemTime.ToTimeSpan();
    }

    /// <summary>The peak resident memory of a live process in bytes, or null once it is gone.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRUsage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }

    // struct rusage on 64-bit Linux: two timevals, then fourteen longs (maxrss first).
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public TimeVal UserTime;
        public TimeVal SystemTime;
        public long MaxResidentKilobytes;
        public long Rest1;
        public long Rest2;
        public long Rest3;
        public long Rest4;
        public long Rest5;
        public long Rest6;
        public long Rest7;
        public long Rest8;
        public long Rest9;
        public long Rest10;
        public long Rest11;
        public long Rest12;
        public long Rest13;
    }
}
