using System.CommandLine;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// What promote, abort and retry share: read the ModelDeployment, decide on the change from its
/// status, and write it as a merge patch of the status subresource (never the spec, which Git owns).
/// </summary>
internal static class RolloutCommand
{
    /// <summary>
    /// A command <c>NAME [-n NS] [--kubeconfig P]</c> plus <paramref name="options"/>; <paramref name="decision"/>
    /// turns the parsed options into the rule deciding the change for a read of the ModelDeployment.
    /// </summary>
    public static Command Create(string name, string description, IEnumerable<Option> options, Func<ParseResult, Func<ModelDeployment, RolloutChange>> decision)
    {
        var target = new ModelDeploymentTarget();
        var command = new Command(name, description);
        target.AddTo(command);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parsed, cancellationToken) => ClusterCommand.RunAsync(
            name,
            target.Read(parsed),
            parsed.InvocationConfiguration,
            (connection, key, ct) => ChangeAsync(new ResourceClient<ModelDeployment>(connection.Client), key, decision(parsed), ct),
            cancellationToken));
        return command;
    }

    /// <summary>Reads the ModelDeployment and writes the change <paramref name="decide"/> makes of it.</summary>
    public static async Task<CommandOutcome> ChangeAsync(
        IResourceClient<ModelDeployment> models, ObjectKey key, Func<ModelDeployment, RolloutChange> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var model = await models.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return model is null
            ? ModelDeploymentTarget.NotFound(key)
            : await ChangeAsync(models, model, decide, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the change <paramref name="decide"/> makes of <paramref name="read"/>, pinned to the
    /// resourceVersion read. When the status changed meanwhile (409), the object is read again and
    /// decided again: the preconditions hold for the version that is written, or the command refuses.
    /// </summary>
    public static async Task<CommandOutcome> ChangeAsync(
        IResourceClient<ModelDeployment> models,
        ModelDeployment read,
        Func<ModelDeployment, RolloutChange> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(decide);
        RolloutChange? change = null;
        var written = await models.UpdateStatusAsync(
            read,
            latest =>
            {
                change = decide(latest);
                if (change.Edit is { } edit)
                {
                    edit(latest.Status ??= new ModelDeploymentStatus());
                }
            },
            cancellationToken).ConfigureAwait(false);
        return written is null ? ModelDeploymentTarget.NotFound(ObjectKey.Of(read)) : change!.Outcome;
    }
}
