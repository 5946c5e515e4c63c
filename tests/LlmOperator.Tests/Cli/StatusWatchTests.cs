using System.Diagnostics;
using System.Globalization;
using System.Text;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Testing;

namespace LlmOperator.Tests.Cli;

// llmop status as the process a user runs: once, and with --watch a new frame for every change of the
// ModelDeployment, its Deployments and its EvaluationRuns, through lost watches, until Ctrl-C.
public class StatusWatchTests(CrdSandboxFixture sandbox) : IClassFixture<CrdSandboxFixture>
{
    private const string FrameSeparator = "---\n";

    [Fact]
    public async Task Status_prints_one_frame_and_exits_0()
    {
        var ns = await sandbox.CreateNamespaceAsync("status");
        var models = new ResourceClient<ModelDeployment>(sandbox.Client);
        var created = await models.CreateAsync(RolloutSamples.Model(ns), default);
        await models.UpdateStatusAsync(created, m => m.Status = RolloutSamples.PausedOnEvaluation(), default);

        var (code, output, error) = await CommandLine.RunAsync("status", "chat", "-n", ns, "--kubeconfig", sandbox.KubeconfigPath);

        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith($"Name:           chat\nNamespace:      {ns}\nPhase:          Paused\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain(FrameSeparator, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_watch_draws_a_frame_for_every_change_and_stops_on_ctrl_c()
    {
        var ns = await sandbox.CreateNamespaceAsync("watch");
        var models = new ResourceClient<ModelDeployment>(sandbox.Client);
        var created = await models.CreateAsync(RolloutSamples.Model(ns), default);
        var paused = await models.UpdateStatusAsync(created, m => m.Status = RolloutSamples.PausedOnEvaluation(), default);

        // The kubeconfig comes from $KUBECONFIG, as it does for a user.
        var start = new ProcessStartInfo(Llmop.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Llmop.Command.Skip(1).Concat(["status", "chat", "-n", ns, "--watch"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = sandbox.KubeconfigPath;
        using var process = Process.Start(start)!;
        var output = Capture(process, standardError: false);
        var errors = Capture(process, standardError: true);
        string Text() => Read(output);
        string LastFrame() => Text().Split(FrameSeparator)[^1];
        try
        {
            Assert.True(
                await Eventually.True(() => LastFrame().Contains("\nPhase:          Paused\n", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
                $"no first frame: {Text()} {Read(errors)}");

            // Watches are dropped and their history compacted, and the server fails the next requests for
            // ModelDeployments: the command waits, lists again and goes on.
            sandbox.Server.Faults.FailNext(3, 503, "GET", "/modeldeployments");
            sandbox.Server.Faults.DropWatches();
            sandbox.Server.Faults.CompactHistory();
            await models.UpdateStatusAsync(paused!, m => m.Status = RolloutSamples.Aborted(), default);
            Assert.True(
                await Eventually.True(() => LastFrame().Contains("\nPhase:          Degraded\n", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
                $"no frame after the abort: {Text()} {Read(errors)}");

            await new ResourceClient<V1Deployment>(sandbox.Client)
                .CreateAsync(RolloutSamples.Deployment(ns, "chat", "7d9f", replicas: 1, ready: 0, DateTime.UtcNow), default);
            Assert.True(
                await Eventually.True(() => LastFrame().Contains("-- chat-7d9f  ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
                $"no frame with the Deployment: {Text()} {Read(errors)}");

            await new ResourceClient<EvaluationRun>(sandbox.Client)
                .CreateAsync(RolloutSamples.Run(ns, "chat", "chat-7d9f-1-s1-support-quality", "7d9f", DateTime.UtcNow), default);
            Assert.True(
                await Eventually.True(
                    () => LastFrame().Contains("-- chat-7d9f-1-s1-support-quality  EvaluationRun  ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
                $"no frame with the EvaluationRun: {Text()} {Read(errors)}");

            using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
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

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {Read(errors)}");
        Assert.Equal("", Read(errors));
        Assert.StartsWith("Name:           chat\n", Text(), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', Text());
    }

    // Collects what a process writes to stdout or stderr, line by line, as it comes.
    private static StringBuilder Capture(Process process, bool standardError)
    {
        var text = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (text)
                {
                    text.Append(line.Data).Append('\n');
                }
            }
        }

        if (standardError)
        {
            process.ErrorDataReceived += Append;
            process.BeginErrorReadLine();
        }
        else
        {
            process.OutputDataReceived += Append;
            process.BeginOutputReadLine();
        }

        return text;
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
