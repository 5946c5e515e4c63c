using LlmOperator.Sandbox.Hosting;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Fixtures;

/// <summary>
/// The operator's sandbox with a real Prometheus beside it, scraping every second the pods the sandbox runs: the
/// sandbox keeps them in a file_sd file with Kubernetes discovery's labels, and Prometheus reads it with the scrape
/// job of config/prometheus/sandbox.yml, whose relabelling is the chart's PodMonitor's.
/// </summary>
public sealed class LiveMetricsSandboxFixture : OperatorSandboxFixture
{
    /// <summary>The sample's targets file, which the test's own replaces.</summary>
    private const string SampleTargets = "../../.tools/sandbox-targets.json";

    /// <summary>The Prometheus the gates query.</summary>
    public PrometheusServer Prometheus { get; private set; } = null!;

    private string TargetsPath => Path.Combine(Path.GetDirectoryName(KubeconfigPath)!, "scrape-targets.json");

    /// <inheritdoc />
    protected override SandboxOptions Options
    {
        get
        {
            var options = base.Options;
            options.ScrapeTargetsPath = TargetsPath;
            return options;
        }
    }

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        var sample = await File.ReadAllTextAsync(RepositoryPaths.Combine("config", "prometheus", "sandbox.yml"));
        var jobs = sample[(sample.IndexOf("scrape_configs:\n", StringComparison.Ordinal) + "scrape_configs:\n".Length)..];
        Assert.Contains(SampleTargets, jobs, StringComparison.Ordinal);
        Prometheus = await PrometheusServer.StartAsync(_ => jobs.Replace(SampleTargets, TargetsPath, StringComparison.Ordinal));
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Prometheus.DisposeAsync();
    }
}
