namespace LlmOperator.Cli;

/// <summary>How a command that reached the cluster ended: its exit code and the line it has to say, if any.</summary>
/// <param name="ExitCode"><see cref="LlmopCommand.Success"/> or <see cref="LlmopCommand.Failure"/>.</param>
/// <param name="Message">On success a line for stdout; on failure the reason, for stderr.</param>
internal sealed record CommandOutcome(int ExitCode, string? Message)
{
    /// <summary>The command did what it was asked, saying so with <paramref name="message"/> when given.</summary>
    public static CommandOutcome Done(string? message = null) => new(LlmopCommand.Success, message);

    /// <summary>The command ran and refused, for <paramref name="reason"/>.</summary>
    public static CommandOutcome Refused(string reason) => new(LlmopCommand.Failure, reason);
}
