using LlmOperator.Cli;

namespace LlmOperator.Tests.Cli;

/// <summary>
/// The command tree: a command line that names a command builds only that one (a shorter start for
/// evaluation Jobs), so help and mistakes, which name none, must still see every command.
/// </summary>
public sealed class LlmopCommandTests
{
    private static readonly string[] Commands =
        ["crds", "validate", "sandbox", "eval", "mock-llm", "router", "adapter-loader", "operator", "promote", "abort", "retry", "status", "dashboard"];

    [Fact]
    public void Help_lists_every_command()
    {
        var (code, output, _) = CommandLine.Run("--help");

        Assert.Equal(LlmopCommand.Success, code);
        Assert.All(Commands, name => Assert.Contains($"  {name} ", output, StringComparison.Ordinal));
    }

    [Fact]
    public void A_command_line_naming_a_command_runs_that_command()
    {
        var (code, output, _) = CommandLine.Run("eval", "--help");

        Assert.Equal(LlmopCommand.Success, code);
        Assert.Contains("--config", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_command_is_a_usage_error()
    {
        var (code, _, error) = CommandLine.Run("evl", "--config", "gate.yaml");

        Assert.Equal(LlmopCommand.UsageError, code);
        Assert.Contains("evl", error, StringComparison.Ordinal);
    }
}
