using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Engines;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Events;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// Does what a plan's adapter actions ask, pod by pod (pods at once, one pod's slots in order): asks the pod's adapter
/// loader for a version it fetches (and records that it is fetching until it has it), calls the pod's engine to unload
/// what a slot holds and load the wanted revision, lets the loader delete the versions the action released, then
/// records the outcome in the slot's annotation of the pod, which is what the next plan reads. A failed call is recorded with its reason and
/// how many times in a row it failed (the planner paces the next attempt from it) and announced with a
/// warning event; it never fails the reconcile. A pod gone meanwhile is skipped.
/// </summary>
internal sealed partial class PodAdapters(
    LoraAdapterClient engine,
    AdapterLoaderClient loader,
    IResourceClient<V1Pod> pods,
    IEventRecorder events,
    TimeProvider time,
    ILogger<PodAdapters> logger)
{
    /// <summary>Applies <paramref name="actions"/> to the pods of <paramref name="model"/>.</summary>
    public Task ApplyAsync(ModelDeployment model, IReadOnlyList<AdapterAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(actions);
        return Task.WhenAll(actions.GroupBy(a => a.Pod, StringComparer.Ordinal).Select(pod => ApplyToPodAsync(model, pod.Key, [.. pod], cancellationToken)));
    }

    private async Task ApplyToPodAsync(ModelDeployment model, string pod, IReadOnlyList<AdapterAction> actions, CancellationToken cancellationToken)
    {
        var annotations = new JsonObject();
        foreach (var action in actions)
        {
            var record = await ChangeAsync(model, action, cancellationToken).ConfigureAwait(false);
            annotations[action.Slot.AnnotationKey] = record?.Format();
            if (record?.Failed is null && record?.Fetching is null)
            {
                await ReleaseAsync(model, action, cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            await pods.PatchAsync(
                new ObjectKey(model.Metadata.NamespaceProperty, pod),
                new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            // The pod is gone, and what it had loaded with it.
            LogPodGone(logger, model.Metadata.NamespaceProperty, pod);
        }
    }

    // The slot's new record: what it serves after the calls, or null once it is empty.
    private async Task<PodAdapterRecord?> ChangeAsync(ModelDeployment model, AdapterAction action, CancellationToken cancellationToken)
    {
        var name = action.Slot.ServedName;
        var serving = action.Holding?.Revision;
        if (action.Load is not { } load)
        {
            var emptied = serving is null ? null : await engine.UnloadAsync(action.Server, name, cancellationToken).ConfigureAwait(false);
            return emptied is null || emptied.Succeeded
                ? null
                : await FailedAsync(model, action, serving, $"unload revision {serving} of {name}", emptied, cancellationToken).ConfigureAwait(false);
        }

        var path = load.Path;
        if (load.Fetch is { } fetch)
        {
            var fetched = await loader.RequestAsync(AdapterLoaderSidecar.Of(action.Server), load.Revision, fetch, cancellationToken).ConfigureAwait(false);
            if (fetched.Failure is { } failure)
            {
                return await FailedAsync(model, action, serving, $"fetch revision {load.Revision} of {name}", failure, cancellationToken).ConfigureAwait(false);
            }

            if (fetched.Path is null)
            {
                // The slot serves on what it did while the loader fetches; the planner asks again a little later.
                return new PodAdapterRecord { Revision = serving, Restarts = action.Restarts, Fetching = new AdapterFetching(load.Revision, time.GetUtcNow()) };
            }

            path = fetched.Path;
        }

        // A version in place of another is loaded with load_inplace, so that the name never stops answering on vLLM versions
        // that have it; the others (and any engine that has something under the name that no record says, lost with a
        // failed patch) answer that the name is taken: what it serves is unloaded, then the version loaded.
        var loaded = await engine.LoadAsync(action.Server, name, path, inPlace: serving is not null, cancellationToken).ConfigureAwait(false);
        if (loaded.Reason == AdapterCallOutcome.AlreadyLoaded)
        {
            var unloaded = await engine.UnloadAsync(action.Server, name, cancellationToken).ConfigureAwait(false);
            if (!unloaded.Succeeded)
            {
                return await FailedAsync(model, action, serving, $"unload {name} to load revision {load.Revision}", unloaded, cancellationToken)
                    .ConfigureAwait(false);
            }

            serving = null;
            loaded = await engine.LoadAsync(action.Server, name, path, inPlace: false, cancellationToken).ConfigureAwait(false);
        }

        if (!loaded.Succeeded)
        {
            return await FailedAsync(
                model, action, serving, $"load revision {load.Revision} as {name} from {path}", loaded, cancellationToken).ConfigureAwait(false);
        }

        LogLoaded(logger, model.Metadata.NamespaceProperty, model.Metadata.Name, action.Pod, name, load.Revision);
        return new PodAdapterRecord { Revision = load.Revision, Restarts = action.Restarts };
    }

    // Deleting is housekeeping: a loader that does not answer (a pod without one, from before it was rendered) keeps the
    // files until the pod goes, and nothing else depends on it.
    private async Task ReleaseAsync(ModelDeployment model, AdapterAction action, CancellationToken cancellationToken)
    {
        foreach (var revision in action.Release ?? [])
        {
            var answer = await loader.DeleteAsync(AdapterLoaderSidecar.Of(action.Server), revision, cancellationToken).ConfigureAwait(false);
            LogReleased(logger, model.Metadata.NamespaceProperty, model.Metadata.Name, action.Pod, revision, answer);
        }
    }

    // The slot still serves what it did (or nothing), and the failure is counted against what the action wanted of it.
    private async Task<PodAdapterRecord> FailedAsync(
        ModelDeployment model, AdapterAction action, string? serving, string what, AdapterCallOutcome outcome, CancellationToken cancellationToken)
    {
        var loading = action.Load?.Revision;
        var previous = action.Holding?.Failed;
        var attempts = previous is not null && previous.Revision == loading && previous.Reason == outcome.Reason ? previous.Attempts + 1 : 1;
        await events.RecordAsync(
            model,
            EventTypes.Warning,
            loading is null ? "AdapterUnloadFailed" : "AdapterLoadFailed",
            $"Pod {action.Pod} could not {what}: {outcome.Reason}: {outcome.Message}",
            cancellationToken).ConfigureAwait(false);
        LogFailed(logger, model.Metadata.NamespaceProperty, model.Metadata.Name, action.Pod, what, outcome.Reason!, outcome.Message);
        return new PodAdapterRecord
        {
            Revision = serving,
            Restarts = action.Restarts,
            Failed = new AdapterCallFailure(loading, outcome.Reason!, outcome.Message, attempts, time.GetUtcNow()),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ModelDeployment {Namespace}/{Name}: pod {Pod} serves revision {Revision} as {Adapter}")]
    private static partial void LogLoaded(ILogger logger, string? @namespace, string name, string pod, string adapter, string revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ModelDeployment {Namespace}/{Name}: pod {Pod} could not {What}: {Reason}: {Message}")]
    private static partial void LogFailed(ILogger logger, string? @namespace, string name, string pod, string what, string reason, string message);

    [LoggerMessage(
        Level = LogLevel.Debug,
        Message = "ModelDeployment {Namespace}/{Name}: pod {Pod}'s adapter loader asked to delete revision {Revision}: {Answer}")]
    private static partial void LogReleased(ILogger logger, string? @namespace, string name, string pod, string revision, string answer);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Namespace}/{Pod} is gone: its adapter records go with it")]
    private static partial void LogPodGone(ILogger logger, string? @namespace, string pod);
}
