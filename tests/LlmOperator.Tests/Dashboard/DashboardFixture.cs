using System.Diagnostics;
using System.Text;
using LlmOperator.Testing;
using OpenQA.Selenium.Chrome;

namespace LlmOperator.Tests.Dashboard;

/// <summary>
/// One sandbox with the CRDs, one <c>llmop dashboard --allow-actions</c> process on a namespace of it,
/// and one headless Debian chromium driven through Debian's chromedriver, shared by a test class.
/// The browser is never downloaded: without /usr/bin/chromium and /usr/bin/chromedriver (make browser
/// installs them) the tests fail, saying so.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Released in DisposeAsync, as the sandbox is.")]
public sealed class DashboardFixture : CrdSandboxFixture
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    private readonly TempDirectory _profile = new();
    private readonly StringBuilder _output = new();
    private Process? _dashboard;

    /// <summary>The namespace the dashboard shows.</summary>
    public string Namespace { get; private set; } = "";

    /// <summary>The dashboard's address, for example http://127.0.0.1:41234.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public ChromeDriver Browser { get; private set; } = null!;

    /// <summary>What the dashboard process wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            throw new InvalidOperationException(
                $"The dashboard's browser tests need Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver}): run make browser "
                + "(apt-get install -y chromium chromium-driver).");
        }

        await base.InitializeAsync();
        Namespace = await CreateNamespaceAsync("dashboard");
        Address = await StartDashboardAsync();
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000", $"--user-data-dir={_profile.Path}");
        Browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Saves what the browser shows as <paramref name="name"/>.png in the test output's screenshots folder and,
    /// with LLMOP_REGENERATE=1, as the README's picture in docs/images.</summary>
    public void Screenshot(string name)
    {
        var shot = Browser.GetScreenshot();
        var artifacts = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(artifacts);
        shot.SaveAsFile(Path.Combine(artifacts, name + ".png"));
        if (Environment.GetEnvironmentVariable("LLMOP_REGENERATE") == "1")
        {
            shot.SaveAsFile(RepositoryPaths.Combine("docs", "images", $"dashboard-{name}.png"));
        }
    }

    /// <summary>Opens a page of the dashboard.</summary>
    public void Open(string path) => Browser.Navigate().GoToUrl(new Uri(Address, path));

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        if (_dashboard is { HasExited: false })
        {
            _dashboard.Kill(entireProcessTree: true);
            await _dashboard.WaitForExitAsync();
        }

        _dashboard?.Dispose();
        _profile.Dispose();
        await base.DisposeAsync();
    }

    // llmop dashboard as a user starts it; its first line says where it listens.
    private async Task<Uri> StartDashboardAsync()
    {
        var start = new ProcessStartInfo(Llmop.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Llmop.Command.Skip(1).Concat(["dashboard", "-n", Namespace, "--port", "0", "--allow-actions", "--kubeconfig", KubeconfigPath]))
        {
            start.ArgumentList.Add(argument);
        }

        _dashboard = Process.Start(start)!;
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (_output)
                {
                    _output.Append(line.Data).Append('\n');
                }
            }
        }

        _dashboard.OutputDataReceived += Append;
        _dashboard.ErrorDataReceived += Append;
        _dashboard.BeginOutputReadLine();
        _dashboard.BeginErrorReadLine();
        const string Marker = " at http://";
        if (!await Eventually.True(() => Output.Contains(Marker, StringComparison.Ordinal), TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"llmop dashboard did not start: {Output}");
        }

        var line = Output.Split('\n').First(l => l.Contains(Marker, StringComparison.Ordinal));
        var url = line[(line.IndexOf(Marker, StringComparison.Ordinal) + 4)..].Split(' ')[0];
        return new Uri(url);
    }
}
