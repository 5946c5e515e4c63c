using System.Diagnostics;
using LlmOperator.Evaluation;
using LlmOperator.Evaluation.Gates;
using LlmOperator.Evaluation.Running;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOperator.Benchmarks.Evaluator;

/// <summary>The evaluation engine run inside this process, measured around the run itself.</summary>
internal static class InProcessRun
{
    public sealed record Figures(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, EvaluationReport Report);

    public static async Task<Figures> RunAsync(string gatePath, Uri mockUrl, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddLogging().AddLlmEvaluation().BuildServiceProvider();
        var files = GateFiles.Load([gatePath], null, new Dictionary<string, string>());
        var request = new PlanRequest(
            "benchmark", "benchmark", files.Gate.Spec, files, new EndpointRequest("candidate", mockUrl.ToString(), "mock-llm"), null, null, Seed: 1);
        var plan = await services.GetRequiredService<EvaluationPlanBuilder>().BuildAsync(request, cancellationToken);
        var runner = services.GetRequiredService<EvaluationRunner>();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var report = await runner.RunAsync(plan, cancellationToken);
        clock.Stop();
        process.Refresh();
        return new Figures(clock.Elapsed, process.TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated, report);
    }
}
