using LlmOperator.Benchmarks;
using LlmOperator.Benchmarks.Evaluator;
using LlmOperator.Benchmarks.Rollout;
using LlmOperator.Benchmarks.Router;
using LlmOperator.Benchmarks.Runtime;
using LlmOperator.Benchmarks.Sandbox;
using LlmOperator.Benchmarks.Scale;

// The benchmarks of shared/DESIGN.md section 6 and the issues; each prints its figures as a table.
// Usage: LlmOperator.Benchmarks <evaluator|sandbox|runtime|rollback|scale|router|summary> [--name value]...
if (args.Length == 0 || args[0] is not ("evaluator" or "sandbox" or "runtime" or "rollback" or "scale" or "router" or "summary"))
{
    Console.Error.WriteLine("usage: LlmOperator.Benchmarks <evaluator|sandbox|runtime|rollback|scale|router|summary> [--name value]...");
    return 2;
}

var options = Arguments.Parse(args[1..]);
switch (args[0])
{
    case "evaluator":
        return await EvaluatorBenchmark.RunAsync(options);
    case "summary":
        return KeyFigures.Print(options.Required("--file"));
    case "sandbox":
        return await SandboxBenchmark.RunAsync(options);
    case "scale":
        return await ScaleBenchmark.RunAsync(
            [.. (options.Optional("--objects") ?? "1000,10000").Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))],
            TimeSpan.FromSeconds(options.Int("--quiet", 60)),
            options.Int("--rollouts", 200),
            TimeSpan.FromMilliseconds(options.Int("--evaluation-ms", 2000)),
            [.. (options.Optional("--gc") ?? "default").Split(',').Select(GcMode.Parse)],
            options.Optional("--llmop") ?? LlmOperator.Testing.Llmop.Dll,
            CancellationToken.None);
    case "router":
        return await RouterBenchmark.RunAsync(
            options.Optional("--llmop") ?? "src/LlmOperator/bin/Release/net10.0/llmop", options.Int("--requests", 2000), options.Int("--concurrency", 64),
            CancellationToken.None);
    case "rollback":
        return await RollbackBenchmark.RunAsync(options.Int("--rollouts", 100), CancellationToken.None);
    default:
        var idle = TimeSpan.FromSeconds(options.Int("--idle", 60));
        Console.WriteLine(await ControlPlaneBenchmark.RunAsync(options.Int("--objects", 10_000), idle, CancellationToken.None));
        return 0;
}
