using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Hosting;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;
using Microsoft.Extensions.Hosting;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// A watch: chunked, newline-delimited JSON events from a resourceVersion (replayed from history) or
/// from now (with the current objects as ADDED), with label and field selectors, bookmarks and a
/// timeout; a version older than the history gives one ERROR event with a 410 Status. Watches end when
/// the server stops, as kube-apiserver's do, so that a graceful stop does not wait for them to time out.
/// </summary>
internal sealed class WatchEndpoint(ObjectStore store, SandboxOptions options, IHostApplicationLifetime lifetime)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    /// <summary>Streams events until the timeout, the client leaves, or the store drops the watch.</summary>
    public async Task RunAsync(ApiRequest request, LabelSelector labels, FieldSelector fields, IWatchEventFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(formatter);
        var type = request.Type;
        var from = request.Query("resourceVersion") is { Length: > 0 } text && text != "0"
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : throw Statuses.BadRequest($"invalid resource version: \"{text}\"")
            : (long?)null;
        var timeout = request.Number("timeoutSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : options.DefaultWatchTimeout;
        var bookmarks = request.Flag("allowWatchBookmarks");
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";

        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(type.Key, request.Path.Namespace, from);
        }
        catch (StoreException e) when (e.Failure == StoreFailure.Gone)
        {
            await WriteAsync(request, "ERROR", JsonSerializer.SerializeToUtf8Bytes(Statuses.Gone(e.Message).Status)).ConfigureAwait(false);
            return;
        }

        using (subscription)
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, subscription.Closed, lifetime.ApplicationStopping))
        {
            stop.CancelAfter(timeout);
            bool Visible(StoredObject? obj) => obj is not null && labels.Matches(obj.Labels) && fields.Matches(obj);
            try
            {
                // Inside the try: a watch dropped before its headers are sent still ends as an empty 200, not a 500.
                await response.StartAsync(stop.Token).ConfigureAwait(false);
                foreach (var obj in subscription.Initial.Where(Visible))
                {
                    await WriteAsync(request, "ADDED", formatter.Format(type, obj)).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                await PumpAsync(request, subscription, Visible, bookmarks, formatter, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Timeout, client gone, the store dropped the watch, or the server stops: the stream simply ends.
            }
        }
    }

    private async Task PumpAsync(
        ApiRequest request,
        WatchSubscription subscription,
        Func<StoredObject?, bool> visible,
        bool bookmarks,
        IWatchEventFormatter formatter,
        CancellationToken stop)
    {
        var type = request.Type;
        using var bookmarkTimer = bookmarks
            ? new Timer(_ => store.Bookmark(subscription), null, options.BookmarkInterval, options.BookmarkInterval)
            : null;
        var reader = subscription.Messages;
        while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                switch (message)
                {
                    case WatchMessage.Bookmark bookmark:
                        await WriteAsync(request, "BOOKMARK", BookmarkObject(type, bookmark.ResourceVersion)).ConfigureAwait(false);
                        break;
                    case WatchMessage.Change { Event: var change }:
                        var now = change.Type != WatchEventType.Deleted && visible(change.Item);
                        var before = change.Type != WatchEventType.Added && visible(change.Previous);
                        var eventType = (now, before) switch
                        {
                            (true, true) => "MODIFIED",
                            (true, false) => "ADDED",
                            (false, true) => "DELETED",
                            _ => null,
                        };
                        if (eventType is not null)
                        {
                            await WriteAsync(request, eventType, formatter.Format(type, change.Item)).ConfigureAwait(false);
                        }

                        break;
                }
            }

            await request.Http.Response.Body.FlushAsync(stop).ConfigureAwait(false);
        }
    }

    private static byte[] BookmarkObject(ResourceType type, long resourceVersion) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["kind"] = type.Kind,
        ["apiVersion"] = type.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture), ["creationTimestamp"] = null },
    });

    private static async Task WriteAsync(ApiRequest request, string eventType, byte[] obj)
    {
        var body = request.Http.Response.Body;
        await body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{eventType}\",\"object\":"), request.Aborted).ConfigureAwait(false);
        await body.WriteAsync(obj, request.Aborted).ConfigureAwait(false);
        await body.WriteAsync("}"u8.ToArray(), request.Aborted).ConfigureAwait(false);
        await body.WriteAsync(Newline, request.Aborted).ConfigureAwait(false);
    }
}
