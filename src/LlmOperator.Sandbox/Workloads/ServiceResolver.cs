using System.Net;
using System.Text.Json.Nodes;
using LlmOperator.Api.Json;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Cluster DNS and kube-proxy in one: turns name.namespace[.svc[.cluster.local]] (or a Service's
/// cluster IP) and a port into the address of a ready pod behind the Service, round-robin.
/// </summary>
internal sealed class ServiceResolver(ObjectStore store)
{
    private static readonly ResourceKey Services = new("", "services");
    private static readonly ResourceKey Pods = new("", "pods");
    private int _next;

    /// <summary>The pod endpoint for a cluster host, null when the host is not a cluster name; throws when the Service has no ready endpoint.</summary>
    public Uri? Resolve(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var service = FindService(host);
        if (service is null)
        {
            return null;
        }

        var ns = service["metadata"]!["namespace"]!.ToString();
        var name = service["metadata"]!["name"]!.ToString();
        var ports = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var servicePort = ports.FirstOrDefault(p => JsonKinds.TryGetInteger(p["port"], out var n) && n == port) ?? (ports.Count == 1 ? ports[0] : null)
            ?? throw new ServiceUnavailableException($"service {ns}/{name} has no port {port}");
        var selector = service["spec"]?["selector"] as JsonObject ?? [];
        var endpoints = store
            .List(Pods, ns, p => selector.Count > 0 && selector.All(s => p.Labels.TryGetValue(s.Key, out var v) && v == s.Value?.ToString()))
            .Items
            .Select(p => p.ToJsonObject())
            .Where(IsReady)
            .ToList();
        if (endpoints.Count == 0)
        {
            throw new ServiceUnavailableException($"no endpoints available for service \"{name}\"");
        }

        var pod = endpoints[(int)((uint)Interlocked.Increment(ref _next) % endpoints.Count)];
        return new Uri($"http://{pod["status"]!["podIP"]}:{TargetPort(servicePort, pod)}");
    }

    private JsonObject? FindService(string host)
    {
        if (IPAddress.TryParse(host, out _))
        {
            return store.List(Services, null, s => true).Items.Select(s => s.ToJsonObject()).FirstOrDefault(s => s["spec"]?["clusterIP"]?.ToString() == host);
        }

        var parts = host.TrimEnd('.').Split('.');
        var cluster = parts switch
        {
            [_, _] => true,
            [_, _, "svc"] => true,
            [_, _, "svc", "cluster", "local"] => true,
            _ => false,
        };
        return cluster ? store.Get(Services, parts[1], parts[0])?.ToJsonObject() : null;
    }

    private static string TargetPort(JsonObject servicePort, JsonObject pod)
    {
        var target = servicePort["targetPort"] ?? servicePort["port"];
        if (JsonKinds.TryGetInteger(target, out var number))
        {
            return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var named = (pod["spec"]?["containers"] as JsonArray ?? []).SelectMany(c => c?["ports"] as JsonArray ?? [])
            .FirstOrDefault(p => p?["name"]?.ToString() == target?.ToString());
        return named?["containerPort"]?.ToString() ?? throw new ServiceUnavailableException($"no container port named \"{target}\"");
    }

    private static bool IsReady(JsonObject pod) =>
        pod["status"]?["podIP"] is not null
        && (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True");
}
