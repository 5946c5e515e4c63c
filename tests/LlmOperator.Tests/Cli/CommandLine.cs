using LlmOperator.Cli;

namespace LlmOperator.Tests.Cli;

/// <summary>Runs llmop in-process, as the executable would, and captures what it prints.</summary>
internal static class CommandLine
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = LlmopCommand.Run(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
