using LlmOperator.Benchmarks;
using LlmOperator.Benchmarks.Evaluator;
using LlmOperator.Benchmarks.Sandbox;

// The benchmarks of shared/DESIGN.md section 6 and the issues; each prints its figures as a table.
// Usage: LlmOperator.Benchmarks <evaluator|sandbox> [--name value]...
if (args.Length == 0 || args[0] is not ("evaluator" or "sandbox"))
{
    Console.Error.WriteLine("usage: LlmOperator.Benchmarks <evaluator|sandbox> [--name value]...");
    return 2;
}

var options = Arguments.Parse(args[1..]);
return args[0] switch
{
    "evaluator" => await EvaluatorBenchmark.RunAsync(options),
    _ => await SandboxBenchmark.RunAsync(options),
};
