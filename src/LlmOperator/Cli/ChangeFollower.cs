using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Cli;

/// <summary>
/// Follows one kind of object through a watch that survives what watches meet (the server ending the
/// stream, a history compacted past the version, a dropped connection, a busy server), signalling a
/// change, not the change: the reader then reads what it needs as it is now. Shared by
/// <c>llmop status --watch</c> and the dashboard's live pages.
/// </summary>
internal static class ChangeFollower
{
    // The server ends a watch after this long; it is then resumed from the last version seen.
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);

    // How long to wait before listing again after a watch stream broke.
    private static readonly TimeSpan ResumeDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Watches <paramref name="scope"/> from a list's <paramref name="version"/>, signalling every change of a
    /// relevant object, and resumes from the last version seen when the server ends the stream. Lists again
    /// (and signals, since the list may show what the watch missed) when that version is too old (410 Gone) or
    /// the stream broke; 429s and 5xx are waited out; if the API is gone, that list fails and ends the watch.
    /// </summary>
    public static async Task FollowAsync<T>(
        IResourceClient<T> client,
        string? scope,
        string? selector,
        string version,
        Func<T, bool> relevant,
        ChannelWriter<bool> changed,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        while (true)
        {
            try
            {
                await foreach (var (type, obj) in client.WatchAsync(scope, version, WatchTimeout, cancellationToken).ConfigureAwait(false))
                {
                    version = obj.Metadata?.ResourceVersion ?? version;
                    if (type != WatchEventType.Bookmark && relevant(obj))
                    {
                        changed.TryWrite(true);
                    }
                }

                continue;
            }
            catch (GoneException)
            {
                // The history moved past our version.
            }
            catch (Exception e) when (e is HttpRequestException or IOException || RefusedForAWhile(e)
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Dropped by the server or a proxy on the way, refused for a while, or timed out by the client;
                // not asked again at once, in case it keeps doing so.
                await Task.Delay(ResumeDelay, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                version = (await client.ListAsync(scope, selector, cancellationToken).ConfigureAwait(false)).ResourceVersion;
                changed.TryWrite(true);
            }
            catch (Exception e) when (RefusedForAWhile(e))
            {
                // Watched again from the version we had; the list is tried again after the next break.
            }
        }
    }

    /// <summary>
    /// Completes <paramref name="changed"/> with the error of the first follower that fails: waiting for all of them would
    /// leave the others signalling changes to a view that no longer shows what the failed one followed.
    /// </summary>
    public static void EndOnFirstFailure(IEnumerable<Task> followers, ChannelWriter<bool> changed)
    {
        foreach (var follower in followers)
        {
            _ = follower.ContinueWith(
                f => changed.TryComplete(f.Exception?.InnerException),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.NotOnRanToCompletion,
                TaskScheduler.Default);
        }
    }

    /// <summary>429 and 5xx: the server is busy or failing now, not gone.</summary>
    public static bool RefusedForAWhile(Exception e) =>
        e is KubernetesApiException { StatusCode: HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError };
}
