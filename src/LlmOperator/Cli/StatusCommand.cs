using System.CommandLine;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// <c>llmop status NAME [--watch]</c>: shows a ModelDeployment's rollout (see <see cref="RolloutView"/>),
/// once or, with <c>--watch</c>, again whenever it, its Deployments or its EvaluationRuns change.
/// </summary>
internal static class StatusCommand
{
    // On a terminal each frame replaces the last (cursor home, clear screen); elsewhere frames follow
    // each other, separated by this line, so that a log or a pipe keeps plain text.
    private const string ClearScreen = "\u001b[H\u001b[2J";
    private const string Separator = "---";

    public static Command Create()
    {
        var target = new ModelDeploymentTarget();
        var watch = new Option<bool>("--watch", "-w")
        {
            Description = "Redraw whenever the rollout, its Deployments or its EvaluationRuns change, until Ctrl-C.",
        };
        var command = new Command("status", "Show a ModelDeployment's rollout: steps, pause, evaluation, history, conditions and what it owns.");
        target.AddTo(command);
        command.Options.Add(watch);
        command.SetAction((parsed, cancellationToken) => ClusterCommand.RunAsync(
            "status",
            target.Read(parsed),
            parsed.InvocationConfiguration,
            (connection, key, ct) =>
            {
                var reader = new RolloutReader(connection.Client, key);
                var output = parsed.InvocationConfiguration.Output;
                return parsed.GetValue(watch) ? WatchAsync(reader, key, output, ct) : ShowAsync(reader, key, output, ct);
            },
            cancellationToken));
        return command;
    }

    private static async Task<CommandOutcome> ShowAsync(RolloutReader reader, ObjectKey key, TextWriter output, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } objects)
        {
            return ModelDeploymentTarget.NotFound(key);
        }

        await output.WriteAsync(objects.Render(DateTimeOffset.UtcNow)).ConfigureAwait(false);
        return CommandOutcome.Done();
    }

    private static async Task<CommandOutcome> WatchAsync(RolloutReader reader, ObjectKey key, TextWriter output, CancellationToken cancellationToken)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        string? last = null;
        try
        {
            await foreach (var objects in reader.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (objects is null)
                {
                    return ModelDeploymentTarget.NotFound(key);
                }

                var frame = objects.Render(DateTimeOffset.UtcNow);
                if (frame == last)
                {
                    continue;
                }

                if (terminal)
                {
                    await output.WriteAsync(ClearScreen).ConfigureAwait(false);
                }
                else if (last is not null)
                {
                    await output.WriteLineAsync(Separator).ConfigureAwait(false);
                }

                await output.WriteAsync(frame).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                last = frame;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends a watch; that is how it is meant to stop.
        }

        return CommandOutcome.Done();
    }
}
