using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Tests.Cli;

// llmop mock-llm as the process the mock engine runs: it serves, and stops cleanly on SIGTERM as a pod must.
public class MockLlmProcessTests
{
    [Fact]
    public async Task Mock_llm_serves_and_exits_0_on_SIGTERM()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "llmop.dll"), "mock-llm", "--port", "0", "--model", "pod-model" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            const string Listening = "mock-llm listening on ";
            var banner = await process.StandardOutput.ReadLineAsync() ?? "";
            Assert.StartsWith(Listening + "http://127.0.0.1:", banner);
            var url = banner[Listening.Length..banner.IndexOf(' ', Listening.Length)];
            using var http = new HttpClient();
            var models = await http.GetFromJsonAsync<JsonObject>(url + "v1/models");
            Assert.Equal("pod-model", models!["data"]![0]!["id"]!.GetValue<string>());

            using var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await signal.WaitForExitAsync();
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(guard.Token);

            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
