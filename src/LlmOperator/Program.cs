using LlmOperator.Cli;

return LlmopCommand.Run(args, Console.Out, Console.Error);
