using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LlmOperator.Benchmarks.Scale;

/// <summary>
/// <c>llmop operator</c> in a process of its own against a sandbox (leader election on, operator image
/// <c>bench.invalid/llmop:0</c>, so that every pod it makes is simulated), with its garbage collector set by
/// <see cref="GcMode"/>. Its CPU and memory are read from /proc of its pid; its requests and reconciles from
/// its own /metrics.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    // USER_HZ: the unit of utime and stime in /proc/PID/stat, 100 on every Linux the project runs on.
    private const double ClockTicksPerSecond = 100;
    private readonly Process _process;
    private readonly HttpClient _http = new();
    private readonly Uri _metrics;

    private OperatorProcess(Process process, int healthPort)
    {
        _process = process;
        _metrics = new Uri($"http://127.0.0.1:{healthPort}/metrics");
    }

    /// <summary>Starts the operator on <paramref name="ns"/> and waits until its metrics are served and it leads and has synced.</summary>
    public static async Task<OperatorProcess> StartAsync(string llmopDll, string kubeconfig, string ns, GcMode gc, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            llmopDll, "operator", "--kubeconfig", kubeconfig, "--namespace", ns, "--leader-elect", "--image", "bench.invalid/llmop:0",
            "--health-port", port.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POD_NAMESPACE"] = ns;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in gc.Environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("llmop operator did not start");
        // Drained, so that a full pipe never blocks the operator.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var op = new OperatorProcess(process, port);
        using var ready = new HttpClient();
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(100, cancellationToken))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                await op.DisposeAsync();
                throw new InvalidOperationException("llmop operator did not become ready within 2 minutes");
            }

            try
            {
                if ((await ready.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"), cancellationToken)).IsSuccessStatusCode)
                {
                    return op;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
    }

    /// <summary>Its resident memory now (VmRSS).</summary>
    public long ResidentBytes => Status("VmRSS:");

    /// <summary>Its peak resident memory since it started (VmHWM).</summary>
    public long PeakResidentBytes => Status("VmHWM:");

    /// <summary>User plus system CPU time since it started.</summary>
    public TimeSpan Cpu
    {
        get
        {
            // Fields after the command name (which may hold spaces) in /proc/PID/stat: utime and stime are the 12th and 13th.
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
        }
    }

    /// <summary>Its counters as its /metrics serves them now.</summary>
    public async Task<OperatorCounters> ScrapeAsync(CancellationToken cancellationToken) =>
        OperatorCounters.Parse(await _http.GetStringAsync(_metrics, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _http.Dispose();
    }

    private long Status(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
