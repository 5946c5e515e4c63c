using System.Globalization;
using LlmOperator.Evaluation.Running;

namespace LlmOperator.Benchmarks.Evaluator;

/// <summary>
/// The evaluator benchmark of shared/DESIGN.md section 6: N cases at concurrency C against mock-llm with
/// L ms of latency, through llmop (in this process, and as the llmop eval command) and through promptfoo;
/// then a small gate of G cases (a rollout's typical gate, where start-up dominates) through both commands.
/// Usage: LlmOperator.Benchmarks evaluator --llmop PATH [--node PATH --promptfoo MAIN.js] [--cases 1000] [--gate-cases 32]
/// [--concurrency 32] [--latency 50]
/// </summary>
internal static class EvaluatorBenchmark
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var cases = options.Int("--cases", 1000);
        var gateCases = options.Int("--gate-cases", 32);
        var concurrency = options.Int("--concurrency", 32);
        var latency = options.Int("--latency", 50);
        var llmop = Path.GetFullPath(options.Required("--llmop"));
        var folder = Path.Combine(Path.GetTempPath(), "llmop-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var workload = new Workload(folder, cases, concurrency);
        workload.WriteAnswers();
        using var mock = await LlmopServer.StartAsync(
            llmop, "mock-llm", "--port", "0", "--answers", workload.AnswersPath,
            "--latency", latency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quality", "0.9");
        workload.WriteConfigs(mock.Url);
        var gateFolder = Directory.CreateDirectory(Path.Combine(folder, "gate")).FullName;
        var gate = new Workload(gateFolder, gateCases, concurrency);
        gate.WriteConfigs(mock.Url);
        var ideal = TimeSpan.FromMilliseconds(cases * (double)latency / concurrency);
        var gateIdeal = TimeSpan.FromMilliseconds(Math.Ceiling(gateCases / (double)concurrency) * latency);
        Console.WriteLine(
            $"Workload: {cases} cases, concurrency {concurrency}, mock-llm latency {latency} ms (quality 0.9); ideal wall time {ideal.TotalSeconds:0.000} s");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, files in {folder}");
        Console.WriteLine();

        // Warm once (JIT, connections), then measure: the figure a long-running evaluator would see.
        var cold = await InProcessRun.RunAsync(workload.GatePath, mock.Url, CancellationToken.None);
        var warm = await InProcessRun.RunAsync(workload.GatePath, mock.Url, CancellationToken.None);
        var peak = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
        var cli = await RunLlmopAsync(llmop, workload, mock.Url, folder);
        var gateCli = await RunLlmopAsync(llmop, gate, mock.Url, gateFolder);

        var rows = new List<string[]>
        {
            new[] { "llmop, in process (first run)", Seconds(cold.Wall), Ratio(cold.Wall, ideal), Seconds(cold.Cpu), "-", Verdicts(cold.Report) },
            new[]
            {
                "llmop, in process (second run)", Seconds(warm.Wall), Ratio(warm.Wall, ideal), Seconds(warm.Cpu), $"{Figures.Mb(peak)} peak process",
                Verdicts(warm.Report),
            },
            new[]
            {
                "llmop eval (whole command)", Seconds(cli.Wall), Ratio(cli.Wall, ideal), Seconds(cli.Cpu), Figures.Mb(cli.PeakBytes), $"exit {cli.ExitCode}",
            },
        };
        var gateRows = new List<string[]>
        {
            new[]
            {
                "llmop eval (whole command)", Seconds(gateCli.Wall), Ratio(gateCli.Wall, gateIdeal), Seconds(gateCli.Cpu), Figures.Mb(gateCli.PeakBytes),
                $"exit {gateCli.ExitCode}",
            },
        };
        string? promptfooWall = null;
        string? promptfooGateWall = null;

        var agreement = "promptfoo not run (give --node and --promptfoo)";
        if (options.Optional("--node") is { } nodePath && options.Optional("--promptfoo") is { } promptfooPath)
        {
            var node = Path.GetFullPath(nodePath);
            var promptfoo = Path.GetFullPath(promptfooPath);
            var output = Path.Combine(folder, "promptfoo.json");
            var run = await RunPromptfooAsync(node, promptfoo, workload, concurrency, output, folder);
            var gateOutput = Path.Combine(gateFolder, "promptfoo.json");
            var gateRun = await RunPromptfooAsync(node, promptfoo, gate, concurrency, gateOutput, gateFolder);
            if (run is null || gateRun is null)
            {
                return 1;
            }

            var theirs = PromptfooResults.Read(output);
            var ours = warm.Report.Candidate.Cases.ToDictionary(c => c.Id, c => c.Outcome == CaseOutcome.Passed, StringComparer.Ordinal);
            var agree = ours.Count(p => theirs.TryGetValue(p.Key, out var pass) && pass == p.Value);
            rows.Add(
            [
                "promptfoo 0.123.1 on Node " + NodeVersion(node), Seconds(run.Wall), Ratio(run.Wall, ideal), Seconds(run.Cpu), Figures.Mb(run.PeakBytes),
                $"{theirs.Values.Count(v => v)} of {theirs.Count} passed",
            ]);
            var gateTheirs = PromptfooResults.Read(gateOutput);
            gateRows.Add(
            [
                "promptfoo 0.123.1 on Node " + NodeVersion(node), Seconds(gateRun.Wall), Ratio(gateRun.Wall, gateIdeal), Seconds(gateRun.Cpu),
                Figures.Mb(gateRun.PeakBytes), $"{gateTheirs.Values.Count(v => v)} of {gateTheirs.Count} passed",
            ]);
            promptfooWall = Seconds(run.Wall) + " s";
            promptfooGateWall = Seconds(gateRun.Wall) + " s";
            agreement = $"Per-case verdict agreement, llmop vs promptfoo: {agree} of {ours.Count} cases ({agree * 100.0 / Math.Max(1, ours.Count):0.0}%); "
                + $"promptfoo was {run.Wall / warm.Wall:0.0}x the wall time and "
                + $"{run.Cpu.TotalSeconds / Math.Max(0.001, warm.Cpu.TotalSeconds):0.0}x the CPU of llmop in process.";
        }

        string[] header = ["Run", "Wall (s)", "x ideal", "CPU (s)", "Peak memory", "Verdicts"];
        Console.WriteLine($"{cases} cases (ideal {ideal.TotalSeconds:0.000} s):");
        Console.WriteLine();
        MarkdownTable.Print(header, rows);
        Console.WriteLine();
        Console.WriteLine($"A gate of {gateCases} cases, the same commands (ideal {gateIdeal.TotalSeconds:0.000} s, one round of calls):");
        Console.WriteLine();
        MarkdownTable.Print(header, gateRows);
        Console.WriteLine();
        Console.WriteLine(agreement);
        KeyFigures.Record(
            "Evaluator", $"llmop eval, {cases} cases at {concurrency} x {latency} ms (ideal {Seconds(ideal)} s)", Seconds(cli.Wall) + " s",
            promptfooWall is null ? "-" : "promptfoo " + promptfooWall);
        KeyFigures.Record(
            "Evaluator", $"llmop eval, a gate of {gateCases} cases (ideal {Seconds(gateIdeal)} s)", Seconds(gateCli.Wall) + " s",
            promptfooGateWall is null ? "-" : "promptfoo " + promptfooGateWall);
        Console.WriteLine($"llmop in process allocated {Figures.Mb(warm.AllocatedBytes)} during the second run.");
        return 0;
    }

    private static Task<ChildRun> RunLlmopAsync(string llmop, Workload workload, Uri mock, string folder) => ChildRun.RunAsync(
        llmop,
        ["eval", "--config", workload.GatePath, "--endpoint", mock.ToString(), "--model", "mock-llm", "--output", Path.Combine(folder, "llmop.json")],
        folder);

    // promptfoo keeps its state in PROMPTFOO_CONFIG_DIR; null (the reason printed) when it wrote no results.
    private static async Task<ChildRun?> RunPromptfooAsync(string node, string promptfoo, Workload workload, int concurrency, string output, string folder)
    {
        var environment = new Dictionary<string, string>
        {
            ["PROMPTFOO_DISABLE_TELEMETRY"] = "1",
            ["PROMPTFOO_DISABLE_UPDATE"] = "1",
            ["PROMPTFOO_DISABLE_REMOTE_GENERATION"] = "true",
            ["PROMPTFOO_CONFIG_DIR"] = Path.Combine(folder, ".promptfoo"),
            ["OPENAI_API_KEY"] = "not-needed",
            ["NO_COLOR"] = "1",
        };
        var run = await ChildRun.RunAsync(
            node,
            [
                promptfoo, "eval", "-c", workload.PromptfooPath, "-o", output, "--no-cache",
                "--max-concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--no-progress-bar", "--no-table",
            ],
            folder,
            environment);
        if (File.Exists(output))
        {
            return run;
        }

        Console.Error.WriteLine($"promptfoo wrote no results (exit {run.ExitCode}):\n{run.Output}\n{run.Error}");
        return null;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
    private static string Ratio(TimeSpan t, TimeSpan ideal) => (t / ideal).ToString("0.00", CultureInfo.InvariantCulture) + "x";
    private static string Verdicts(EvaluationReport report) => $"{report.Verdict.Summary.Passed} of {report.Verdict.Summary.Cases} passed";
    private static string NodeVersion(string node) => System.Diagnostics.FileVersionInfo.GetVersionInfo(node).FileVersion ?? "22";
}
