using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// Reads a ModelDeployment with the Deployments and EvaluationRuns it owns (found by the labels the
/// operator puts on them), once or every time one of them changes.
/// </summary>
internal sealed class RolloutReader
{
    // How long to wait before reading again when the server refused for a while.
    private static readonly TimeSpan ResumeDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(2);

    private readonly ResourceClient<ModelDeployment> _models;
    private readonly ResourceClient<V1Deployment> _deployments;
    private readonly ResourceClient<EvaluationRun> _runs;
    private readonly ObjectKey _key;
    private readonly string _selector;

    /// <summary>A reader of the ModelDeployment <paramref name="key"/> (namespaced).</summary>
    public RolloutReader(IKubernetes client, ObjectKey key)
    {
        _models = new ResourceClient<ModelDeployment>(client);
        _deployments = new ResourceClient<V1Deployment>(client);
        _runs = new ResourceClient<EvaluationRun>(client);
        _key = key;
        _selector = $"{WellKnownLabels.Model}={key.Name},{WellKnownLabels.ManagedBy}={WellKnownLabels.ManagedByOperator}";
    }

    /// <summary>The ModelDeployment and its children as they are now; null when the ModelDeployment does not exist.</summary>
    public async Task<RolloutObjects?> ReadAsync(CancellationToken cancellationToken)
    {
        var model = await _models.GetAsync(_key, cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
        }

        var deployments = await _deployments.ListAsync(_key.Namespace, _selector, cancellationToken).ConfigureAwait(false);
        var runs = await _runs.ListAsync(_key.Namespace, _selector, cancellationToken).ConfigureAwait(false);
        return new RolloutObjects(model, deployments.Items, runs.Items);
    }

    /// <summary>
    /// The objects as they are now, then again after every change to any of them, until cancelled.
    /// Changes coming in bursts give one read. A failing watch (other than 410 Gone, which lists again)
    /// ends the sequence with its exception.
    /// </summary>
    public async IAsyncEnumerable<RolloutObjects?> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Listed before the first read, so that a change made after that read is in what the watches report.
        var models = await _models.ListAsync(_key.Namespace, null, cancellationToken).ConfigureAwait(false);
        var deployments = await _deployments.ListAsync(_key.Namespace, _selector, cancellationToken).ConfigureAwait(false);
        var runs = await _runs.ListAsync(_key.Namespace, _selector, cancellationToken).ConfigureAwait(false);
        yield return await ReadAsync(cancellationToken).ConfigureAwait(false);

        // One pending signal is enough: every read sees everything that happened before it.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] following =
        [
            ChangeFollower.FollowAsync(_models, _key.Namespace, null, models.ResourceVersion, m => m.Metadata.Name == _key.Name, changed.Writer, stop.Token),
            ChangeFollower.FollowAsync(_deployments, _key.Namespace, _selector, deployments.ResourceVersion, Owned, changed.Writer, stop.Token),
            ChangeFollower.FollowAsync(_runs, _key.Namespace, _selector, runs.ResourceVersion, Owned, changed.Writer, stop.Token),
        ];
        var followers = Task.WhenAll(following);

        ChangeFollower.EndOnFirstFailure(following, changed.Writer);

        try
        {
            while (await changed.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changed.Reader.TryRead(out _);
                RolloutObjects? objects;
                try
                {
                    objects = await ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (ChangeFollower.RefusedForAWhile(e))
                {
                    // Read again after a moment: the change is still to be drawn.
                    await Task.Delay(ResumeDelay, cancellationToken).ConfigureAwait(false);
                    changed.Writer.TryWrite(true);
                    continue;
                }

                yield return objects;
            }
        }
        finally
        {
            // A watch blocked in a read of its stream may not see the cancellation until the server writes
            // again: it is given a moment, then left behind, so that Ctrl+C always ends the command.
            await stop.CancelAsync().ConfigureAwait(false);
            await followers.WaitAsync(StopWait, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // The watch cannot take a label selector, so the labels of what it reports are checked here.
    private bool Owned(IKubernetesObject<V1ObjectMeta> obj) =>
        ModelDeploymentNames.Label(obj, WellKnownLabels.Model) == _key.Name
        && ModelDeploymentNames.Label(obj, WellKnownLabels.ManagedBy) == WellKnownLabels.ManagedByOperator;
}
