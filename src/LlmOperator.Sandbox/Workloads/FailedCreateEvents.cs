using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// The Warning Event a workload controller records when the API server refuses a pod it creates (a missing service
/// account, say): reason FailedCreate, message <c>Error creating: ...</c>, on the workload; a repeat counts up the same
/// Event, as client-go's event recorder aggregates it.
/// </summary>
internal static class FailedCreateEvents
{
    private static readonly ResourceKey Events = new("", "events");

    /// <summary>Records that creating a pod for <paramref name="owner"/> failed with <paramref name="refusal"/>.</summary>
    public static void Record(ResourceService service, ResourceType ownerType, JsonObject owner, ApiException refusal, string component, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(ownerType);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(refusal);
        var ns = ObjectMeta.Text(owner, "namespace") ?? "";
        var ownerName = ObjectMeta.Text(owner, "name") ?? "";
        var message = $"Error creating: {refusal.Message}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ObjectMeta.Text(owner, "uid") + message)))[..16].ToLowerInvariant();
        var name = $"{ownerName}.{hash}";
        var eventType = service.Registry.FindAnyVersion(Events)!;
        var timestamp = ObjectMeta.Timestamp(now);
        if (service.Store.Get(Events, ns, name) is not null)
        {
            service.Mutate(eventType, ns, name, e =>
            {
                e["count"] = (e["count"]?.GetValue<int>() ?? 1) + 1;
                e["lastTimestamp"] = timestamp;
                return e;
            }, status: false, WriteOptions.Default);
            return;
        }

        service.Create(eventType, ns, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = ownerType.ApiVersion,
                ["kind"] = ownerType.Kind,
                ["namespace"] = ns,
                ["name"] = ownerName,
                ["uid"] = ObjectMeta.Text(owner, "uid"),
                ["resourceVersion"] = ObjectMeta.Text(owner, "resourceVersion"),
            },
            ["reason"] = "FailedCreate",
            ["message"] = message,
            ["type"] = "Warning",
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = timestamp,
            ["lastTimestamp"] = timestamp,
            ["count"] = 1,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        }, WriteOptions.Default);
    }
}
