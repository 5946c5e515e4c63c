using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Controllers;

/// <summary>
/// Records core/v1 Events about objects as kube-controller-manager's controllers do (an event named after
/// the object and the time, with its type, reason, message and source component), so that kubectl describe
/// lists them under Events. A repeat of the same event counts up the one recorded, as client-go's recorder
/// aggregates them.
/// </summary>
internal sealed class ControllerEvents(ResourceService service, TimeProvider time)
{
    private static readonly ResourceKey Events = new("", "events");
    private readonly ConcurrentDictionary<(string Uid, string Type, string Reason, string Message), string> _recorded = new();
    private long _lastStamp;

    /// <summary>Records a Normal event about a namespaced object.</summary>
    public void Normal(JsonObject involved, string component, string reason, string message) => Record(involved, component, "Normal", reason, message);

    /// <summary>Records a Warning event about a namespaced object (a pod the API server refused, say).</summary>
    public void Warning(JsonObject involved, string component, string reason, string message) => Record(involved, component, "Warning", reason, message);

    private void Record(JsonObject involved, string component, string type, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = time.GetUtcNow();
        var metadata = ObjectMeta.Of(involved);
        var ns = metadata["namespace"]?.ToString() ?? "";
        var timestamp = ObjectMeta.Timestamp(now);
        var key = (metadata["uid"]?.ToString() ?? "", type, reason, message);
        if (_recorded.TryGetValue(key, out var existing) && service.Store.Get(Events, ns, existing) is not null)
        {
            service.Mutate(service.Registry.FindAnyVersion(Events)!, ns, existing, e =>
            {
                e["count"] = (JsonKinds.TryGetInteger(e["count"], out var count) ? count : 1) + 1;
                e["lastTimestamp"] = timestamp;
                return e;
            }, status: false, WriteOptions.Default);
            return;
        }

        var stamp = UniqueStamp((now - DateTimeOffset.UnixEpoch).Ticks * 100);
        var item = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{metadata["name"]}.{stamp:x}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = involved["kind"]?.DeepClone(),
                ["namespace"] = ns,
                ["name"] = metadata["name"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["apiVersion"] = involved["apiVersion"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = timestamp,
            ["lastTimestamp"] = timestamp,
            ["count"] = 1,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        };
        _recorded[key] = service.Create(service.Registry.FindAnyVersion(Events)!, ns, item, WriteOptions.Default).Stored.Name;
    }

    // Nanoseconds since the epoch, as Kubernetes names events, made unique when two events share a tick.
    private long UniqueStamp(long nanoseconds)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastStamp);
            var next = Math.Max(nanoseconds, last + 1);
            if (Interlocked.CompareExchange(ref _lastStamp, next, last) == last)
            {
                return next;
            }
        }
    }
}
