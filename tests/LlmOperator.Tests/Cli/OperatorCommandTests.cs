using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

public class OperatorCommandTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("--health-port", "70000", "HealthPort")]
    [InlineData("--max-concurrent-evaluations", "0", "MaxConcurrentEvaluations")]
    [InlineData("--max-dependent-evaluations", "0", "MaxDependentEvaluations")]
    [InlineData("--image-pull-secret", "Not_A_Secret", "ImagePullSecrets")]
    [InlineData("--evaluation-cluster-role", "Not A Role", "EvaluationClusterRole")]
    [InlineData("--router-cluster-role", "", "RouterClusterRole")]
    [InlineData("--adapter-hub-endpoint", "ftp://hub.mirror", "AdapterHubEndpoint")]
    public void Invalid_settings_are_a_usage_error(string option, string value, string named)
    {
        var (code, _, error) = CommandLine.Run("operator", "--kubeconfig", sandbox.KubeconfigPath, option, value);

        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_health_port_in_use_is_a_clear_failure()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, _, error) = CommandLine.Run("operator", "--kubeconfig", sandbox.KubeconfigPath, "--namespace", ns, "--health-port", port);

        Assert.Equal(1, code);
        Assert.StartsWith($"llmop operator: the health port {port} cannot be listened on: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluation_jobs_get_the_operators_otlp_settings_and_nothing_else()
    {
        var environment = new System.Collections.Hashtable
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://otel-collector:4317",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=prod",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "",
            ["OTEL_SERVICE_NAME"] = "llm-operator",
            ["LLMOP_IMAGE"] = "registry.example.com/llmop:0.1.0",
            ["HOME"] = "/home/app",
        };

        var passed = LlmOperator.Cli.OperatorCommand.OtlpSettings(environment).Order().ToList();

        Assert.Equal(
            [
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317"),
                ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
                ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod"),
            ],
            passed);
    }

    [Fact]
    public async Task Runs_until_sigterm_answering_health_probes_and_exits_cleanly()
    {
        var ns = await sandbox.CreateNamespaceAsync();
        var port = FreePort();
        var start = new ProcessStartInfo(Llmop.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Llmop.Command.Skip(1).Concat(
            [
                "operator", "--kubeconfig", sandbox.KubeconfigPath, "--namespace", ns, "--leader-elect",
                "--health-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POD_NAMESPACE"] = ns;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.True(await Eventually.Async(async () => await StatusAsync(http, "/readyz") == HttpStatusCode.OK), "the operator never became ready");
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));
            Assert.True(
                await Eventually.Async(async () => (await sandbox.Client.CoordinationV1.ListNamespacedLeaseAsync(ns)).Items.Count == 1),
                "no Lease was taken");

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await errors}{await output}");
        var lease = Assert.Single((await sandbox.Client.CoordinationV1.ListNamespacedLeaseAsync(ns)).Items);
        Assert.Equal("", lease.Spec.HolderIdentity ?? "");
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
