using LlmOperator.Benchmarks;
using LlmOperator.Benchmarks.Evaluator;
using LlmOperator.Benchmarks.Rollout;
using LlmOperator.Benchmarks.Runtime;
using LlmOperator.Benchmarks.Sandbox;

// The benchmarks of shared/DESIGN.md section 6 and the issues; each prints its figures as a table.
// Usage: LlmOperator.Benchmarks <evaluator|sandbox|runtime|rollback> [--name value]...
if (args.Length == 0 || args[0] is not ("evaluator" or "sandbox" or "runtime" or "rollback"))
{
    Console.Error.WriteLine("usage: LlmOperator.Benchmarks <evaluator|sandbox|runtime|rollback> [--name value]...");
    return 2;
}

var options = Arguments.Parse(args[1..]);
switch (args[0])
{
    case "evaluator":
        return await EvaluatorBenchmark.RunAsync(options);
    case "sandbox":
        return await SandboxBenchmark.RunAsync(options);
    case "rollback":
        return await RollbackBenchmark.RunAsync(options.Int("--rollouts", 100), CancellationToken.None);
    default:
        var idle = TimeSpan.FromSeconds(options.Int("--idle", 60));
        Console.WriteLine(await ControlPlaneBenchmark.RunAsync(options.Int("--objects", 10_000), idle, CancellationToken.None));
        return 0;
}
