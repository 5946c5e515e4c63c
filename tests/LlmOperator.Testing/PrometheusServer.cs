using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace LlmOperator.Testing;

/// <summary>
/// A real Prometheus (Debian's package, which <c>make prometheus</c> installs; or $PROMETHEUS) for one test
/// class: on a free loopback port, with a temporary storage folder, scraping every second the targets of a
/// file_sd file (<see cref="TargetsPath"/>, which the test or the sandbox writes). A missing binary fails the
/// test with how to get it; nothing is skipped.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _folder;

    private PrometheusServer(Process process, TempDirectory folder, string address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    /// <summary>The base URL of its HTTP API, for example http://127.0.0.1:40123.</summary>
    public string Address { get; }

    /// <summary>The file_sd file its scrape configuration reads targets from.</summary>
    public string TargetsPath => Path.Combine(_folder.Path, "targets.json");

    /// <summary>The prometheus binary: $PROMETHEUS, or the one on the PATH.</summary>
    public static string Executable
    {
        get
        {
            if (Environment.GetEnvironmentVariable("PROMETHEUS") is { Length: > 0 } configured)
            {
                return File.Exists(configured) ? configured : throw new FileNotFoundException($"$PROMETHEUS names {configured}, which does not exist.");
            }

            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(folder => Path.Combine(folder, "prometheus"))
                .FirstOrDefault(File.Exists);
            return onPath ?? throw new FileNotFoundException(
                "prometheus is not on the PATH: run `make prometheus` (make test does it first; it installs Debian's package) or set $PROMETHEUS.");
        }
    }

    /// <summary>
    /// Starts Prometheus with the YAML of its <c>scrape_configs</c> list, given the path of the targets file, and
    /// waits until it is ready.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(Func<string, string> scrapeConfigs)
    {
        ArgumentNullException.ThrowIfNull(scrapeConfigs);
        var executable = Executable;
        var folder = new TempDirectory();
        var targets = folder.Write("targets.json", "[]");
        var config = folder.Write("prometheus.yml", $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n{scrapeConfigs(targets)}");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var log = new StringBuilder();
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    $"--config.file={config}",
                    $"--storage.tsdb.path={Path.Combine(folder.Path, "data")}",
                    $"--web.listen-address=127.0.0.1:{port}",
                    "--log.level=warn",
                },
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
            process.ErrorDataReceived += (_, e) => Append(log, e.Data);
            process.OutputDataReceived += (_, e) => Append(log, e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var server = new PrometheusServer(process, folder, $"http://127.0.0.1:{port}");
            if (await server.ReadyAsync())
            {
                return server;
            }

            await server.StopAsync();
            // Another process may have taken the port between our look and Prometheus's bind: try another.
            if (attempt == 3 || !log.ToString().Contains("address already in use", StringComparison.Ordinal))
            {
                folder.Dispose();
                throw new InvalidOperationException($"prometheus never became ready on port {port}: {log}");
            }
        }
    }

    /// <summary>The file_sd targets as Prometheus reads them: one group per target address, with its labels.</summary>
    public static string Targets(IEnumerable<(string Address, IReadOnlyDictionary<string, string> Labels)> targets) =>
        new JsonArray([.. targets.Select(t => (JsonNode)new JsonObject
        {
            ["targets"] = new JsonArray(t.Address),
            ["labels"] = new JsonObject([.. t.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]),
        })]).ToJsonString();

    /// <summary>Replaces the targets file whole (a new file moved over the old), as Prometheus expects it to change.</summary>
    public void WriteTargets(string json)
    {
        File.WriteAllText(TargetsPath + ".tmp", json);
        File.Move(TargetsPath + ".tmp", TargetsPath, overwrite: true);
    }

    /// <summary>Waits until an instant query of <paramref name="query"/> gives at least one series.</summary>
    public async Task<bool> HasSeriesAsync(string query, TimeSpan within)
    {
        using var http = new HttpClient();
        return await Eventually.Async(async () =>
        {
            var body = await http.GetStringAsync($"{Address}/api/v1/query?query={Uri.EscapeDataString(query)}");
            return JsonNode.Parse(body)?["data"]?["result"] is JsonArray { Count: > 0 };
        }, within);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }

    private async Task<bool> ReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        return await Eventually.Async(async () =>
        {
            if (_process.HasExited)
            {
                return true;
            }

            try
            {
                using var response = await http.GetAsync($"{Address}/-/ready");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60)) && !_process.HasExited;
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
