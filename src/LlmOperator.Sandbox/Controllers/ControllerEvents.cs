using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Controllers;

/// <summary>
/// Records core/v1 Events about objects as kube-controller-manager's controllers do (a Normal event
/// named after the object and the time, with its reason, message and source component), so that
/// kubectl describe lists them under Events.
/// </summary>
internal sealed class ControllerEvents(ResourceService service, TimeProvider time)
{
    private static readonly ResourceKey Events = new("", "events");
    private long _lastStamp;

    /// <summary>Records a Normal event about a namespaced object.</summary>
    public void Normal(JsonObject involved, string component, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = time.GetUtcNow();
        var metadata = ObjectMeta.Of(involved);
        var ns = metadata["namespace"]?.ToString() ?? "";
        var timestamp = ObjectMeta.Timestamp(now);
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
            ["type"] = "Normal",
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        };
        service.Create(service.Registry.FindAnyVersion(Events)!, ns, item, WriteOptions.Default);
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
