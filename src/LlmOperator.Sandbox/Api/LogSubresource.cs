using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Server;
using LlmOperator.Sandbox.Workloads;
using Microsoft.AspNetCore.Http;

namespace LlmOperator.Sandbox.Api;

/// <summary>
/// The pods/log subresource as the kubelet answers it: one container's current or previous run, cut by
/// tailLines, sinceSeconds, sinceTime and limitBytes, with timestamps on request, and followed until the run
/// ends when follow is set.
/// </summary>
internal sealed class LogSubresource(ResourceService service, PodLogs logs)
{
    public async Task ReadAsync(ApiRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pod = service.Get(request.Type, request.Namespace, name).ToJsonObject();
        var container = Container(pod, name, request.Query("container"));
        var previous = request.Flag("previous");
        var log = logs.Find(request.Namespace, name, container)
            ?? throw Statuses.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating");
        var lines = log.Lines(previous) ?? throw Statuses.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        var since = Since(request);
        var tail = request.Number("tailLines");
        var limit = request.Number("limitBytes") ?? long.MaxValue;
        var timestamps = request.Flag("timestamps");

        request.Http.Response.ContentType = "text/plain";
        var selected = lines.Where(l => since is null || l.Time >= since).ToList();
        var written = await WriteAsync(request.Http.Response, selected.Skip(tail is { } t ? Math.Max(0, selected.Count - (int)t) : 0), timestamps, limit,
            request.Aborted).ConfigureAwait(false);
        if (!request.Flag("follow") || previous)
        {
            return;
        }

        // Follow: send what the run writes next until it ends, the pod goes, or the client leaves.
        for (var seen = lines.Count; written < limit && !request.Aborted.IsCancellationRequested;)
        {
            var changed = log.ChangedAsync(request.Aborted);
            var ended = log.Ended;
            var next = log.Lines(previous: false, seen) ?? [];
            seen += next.Count;
            written += await WriteAsync(request.Http.Response, next, timestamps, limit - written, request.Aborted).ConfigureAwait(false);
            if (ended)
            {
                return;
            }

            await changed.ConfigureAwait(false);
        }
    }

    // kubectl names the container; the API server picks the only one, and refuses a name the pod does not have.
    private static string Container(JsonObject pod, string podName, string? requested)
    {
        var names = ((pod["spec"]?["containers"] as JsonArray) ?? []).Select(c => c?["name"]?.ToString() ?? "").ToList();
        var init = ((pod["spec"]?["initContainers"] as JsonArray) ?? []).Select(c => c?["name"]?.ToString() ?? "").ToList();
        if (requested is { Length: > 0 })
        {
            return names.Contains(requested) || init.Contains(requested)
                ? requested
                : throw Statuses.BadRequest($"container {requested} is not valid for pod {podName}");
        }

        return names.Count == 1
            ? names[0]
            : throw Statuses.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', names)}]"
                + (init.Count > 0 ? $" or one of the init containers: [{string.Join(' ', init)}]" : ""));
    }

    private static DateTimeOffset? Since(ApiRequest request)
    {
        if (request.Number("sinceSeconds") is { } seconds)
        {
            return DateTimeOffset.UtcNow.AddSeconds(-seconds);
        }

        return request.Query("sinceTime") is { Length: > 0 } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw Statuses.BadRequest($"sinceTime: \"{text}\" is not an RFC 3339 time")
            : null;
    }

    private static async Task<long> WriteAsync(
        HttpResponse response, IEnumerable<LogLine> lines, bool timestamps, long limit, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (timestamps)
            {
                text.Append(line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append(line.Text).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var count = (int)Math.Min(bytes.Length, limit);
        await response.Body.WriteAsync(bytes.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }
}
