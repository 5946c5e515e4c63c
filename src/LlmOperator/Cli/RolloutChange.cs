using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Cli;

/// <summary>
/// What promote, abort or retry decides for one read of a ModelDeployment: edit its status and say
/// what it did, leave it because it is already so, or refuse and say why.
/// </summary>
/// <param name="Edit">The status change to send, or null to send nothing.</param>
/// <param name="IsRefusal">Whether the command refuses (exit code 1).</param>
/// <param name="Message">The line to print: what was done, or why not.</param>
internal sealed record RolloutChange(Action<ModelDeploymentStatus>? Edit, bool IsRefusal, string Message)
{
    /// <summary>Change the status with <paramref name="edit"/>; <paramref name="message"/> says what follows.</summary>
    public static RolloutChange Apply(Action<ModelDeploymentStatus> edit, string message) => new(edit, false, message);

    /// <summary>Nothing to change: what was asked already holds.</summary>
    public static RolloutChange AlreadyDone(string message) => new(null, false, message);

    /// <summary>Nothing to change, and the command fails, for <paramref name="reason"/>.</summary>
    public static RolloutChange Refuse(string reason) => new(null, true, reason);

    /// <summary>The command's outcome once the change (if any) is written.</summary>
    public CommandOutcome Outcome => IsRefusal ? CommandOutcome.Refused(Message) : CommandOutcome.Done(Message);
}
