using LlmOperator.Cli;
using LlmOperator.Evaluation.Telemetry;

StartupTrace.Mark("main entered");

return LlmopCommand.Run(args, Console.Out, Console.Error);
