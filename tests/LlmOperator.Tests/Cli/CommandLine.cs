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

    /// <summary>Like <see cref="Run"/>, off the test's thread, for commands that talk to a server.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => Task.Run(() => Run(args));
}
