using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>Services: a cluster IP from the service range, port defaults, valid names and ports, and an immutable cluster IP.</summary>
internal sealed class ServiceStrategy : ResourceStrategy
{
    private int _nextAddress = 10;

    /// <inheritdoc />
    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = Child(obj, "spec");
        Default(spec, "type", "ClusterIP");
        if (spec["clusterIP"]?.ToString() is null or "")
        {
            var n = Interlocked.Increment(ref _nextAddress);
            spec["clusterIP"] = $"10.96.{n / 250}.{(n % 250) + 1}";
        }

        spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.ToString());
        Default(spec, "sessionAffinity", "None");
        DefaultPorts(spec);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    /// <inheritdoc />
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        var spec = Child(obj, "spec");
        if (spec["clusterIP"] is null && old["spec"]?["clusterIP"] is { } ip)
        {
            spec["clusterIP"] = ip.DeepClone();
            spec["clusterIPs"] = old["spec"]?["clusterIPs"]?.DeepClone();
        }

        Default(spec, "type", "ClusterIP");
        DefaultPorts(spec);
    }

    /// <inheritdoc />
    public override IEnumerable<FieldError> Validate(JsonObject obj, JsonObject? old)
    {
        var spec = obj["spec"];
        if (spec?["clusterIP"]?.ToString() != "None" && spec?["ports"] is not JsonArray { Count: > 0 })
        {
            yield return new FieldError("spec.ports", FieldErrorType.Required);
        }

        foreach (var error in ValueRules.Dns1035Label("metadata.name", ObjectMeta.Of(obj)["name"]).Concat(Ports(spec?["ports"] as JsonArray ?? [])))
        {
            yield return error;
        }

        if (old is not null)
        {
            foreach (var error in Immutable(spec?["clusterIP"], old["spec"]?["clusterIP"], "spec.clusterIP"))
            {
                yield return error;
            }
        }
    }

    // Each port valid; names required once there are two, and unique.
    private static IEnumerable<FieldError> Ports(JsonArray ports)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var path = $"spec.ports[{i}]";
            var port = ports[i];
            var name = port?["name"]?.ToString() ?? "";
            var errors = ValueRules.PortNumber($"{path}.port", port?["port"])
                .Concat(ValueRules.PortNumberOrName($"{path}.targetPort", port?["targetPort"]))
                .Concat(ValueRules.Protocol($"{path}.protocol", port?["protocol"]));
            if (name.Length == 0 && ports.Count > 1)
            {
                errors = errors.Append(new FieldError($"{path}.name", FieldErrorType.Required));
            }
            else if (name.Length > 0)
            {
                errors = errors.Concat(ValueRules.Dns1123Label($"{path}.name", port!["name"]));
                if (!names.Add(name))
                {
                    errors = errors.Append(new FieldError($"{path}.name", FieldErrorType.Duplicate, badValue: port!["name"], showValue: true));
                }
            }

            foreach (var error in errors)
            {
                yield return error;
            }
        }
    }

    private static void DefaultPorts(JsonObject spec)
    {
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Default(port, "protocol", "TCP");
            if (port["port"] is { } number)
            {
                Default(port, "targetPort", number.DeepClone());
            }
        }
    }
}
