using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Sandbox.Server.Strategies;

/// <summary>
/// The API server's checks of a pod spec, wherever one appears (pods, and the templates of Deployments,
/// ReplicaSets and Jobs): containers named and unique, an image each, valid ports, env names and probes.
/// </summary>
internal static class PodSpecRules
{
    private static readonly string[] Handlers = ["exec", "httpGet", "tcpSocket", "grpc"];
    private static readonly string[] ContainerLists = ["initContainers", "containers"];
    private static readonly string[] Probes = ["livenessProbe", "readinessProbe", "startupProbe"];

    /// <summary>The problems with the pod template at <paramref name="path"/>: its labels and its spec.</summary>
    public static IEnumerable<FieldError> ValidateTemplate(JsonNode? template, string path) =>
        ObjectMetaValidator.ValidateLabels(template?["metadata"]?["labels"], $"{path}.metadata.labels").Concat(Validate(template?["spec"], $"{path}.spec"));

    /// <summary>The problems with the pod spec at <paramref name="path"/>.</summary>
    public static IEnumerable<FieldError> Validate(JsonNode? spec, string path)
    {
        if (spec?["containers"] is not JsonArray { Count: > 0 })
        {
            return [new FieldError($"{path}.containers", FieldErrorType.Required)];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        return ContainersOf(spec, path).SelectMany(c => Container(c.Container, c.Path, names));
    }

    private static IEnumerable<(JsonObject Container, string Path)> ContainersOf(JsonNode spec, string path) =>
        from list in ContainerLists
        let items = spec[list] as JsonArray ?? []
        from i in Enumerable.Range(0, items.Count)
        where items[i] is JsonObject
        select (items[i]!.AsObject(), $"{path}.{list}[{i}]");

    private static List<FieldError> Container(JsonObject container, string path, HashSet<string> names)
    {
        var errors = new List<FieldError>();
        if (container["name"]?.ToString() is not { Length: > 0 } name)
        {
            errors.Add(new FieldError($"{path}.name", FieldErrorType.Required));
        }
        else
        {
            errors.AddRange(ValueRules.Dns1123Label($"{path}.name", container["name"]));
            if (!names.Add(name))
            {
                errors.Add(new FieldError($"{path}.name", FieldErrorType.Duplicate, badValue: container["name"], showValue: true));
            }
        }

        if (container["image"]?.ToString() is not { Length: > 0 })
        {
            errors.Add(new FieldError($"{path}.image", FieldErrorType.Required));
        }

        var ports = container["ports"] as JsonArray ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            errors.AddRange(port?["containerPort"] is { } number
                ? ValueRules.PortNumber($"{path}.ports[{i}].containerPort", number)
                : [new FieldError($"{path}.ports[{i}].containerPort", FieldErrorType.Required)]);
            errors.AddRange(ValueRules.PortName($"{path}.ports[{i}].name", port?["name"]));
            errors.AddRange(ValueRules.Protocol($"{path}.ports[{i}].protocol", port?["protocol"]));
        }

        var env = container["env"] as JsonArray ?? [];
        for (var i = 0; i < env.Count; i++)
        {
            errors.AddRange(env[i]?["name"] is { } envName
                ? ValueRules.EnvVarName($"{path}.env[{i}].name", envName)
                : [new FieldError($"{path}.env[{i}].name", FieldErrorType.Required)]);
        }

        foreach (var probe in Probes)
        {
            if (container[probe] is JsonObject handler)
            {
                errors.AddRange(Probe(handler, $"{path}.{probe}"));
            }
        }

        return errors;
    }

    // A probe has exactly one handler; a second one is forbidden where it appears.
    private static IEnumerable<FieldError> Probe(JsonObject probe, string path)
    {
        var present = Handlers.Where(h => probe[h] is not null).ToList();
        if (present.Count == 0)
        {
            return [new FieldError(path, FieldErrorType.Required, "must specify a handler type")];
        }

        return present.Skip(1).Select(h => new FieldError($"{path}.{h}", FieldErrorType.Forbidden, "may not specify more than 1 handler type"))
            .Concat(ValueRules.PortNumberOrName($"{path}.httpGet.port", probe["httpGet"]?["port"]))
            .Concat(ValueRules.PortNumberOrName($"{path}.tcpSocket.port", probe["tcpSocket"]?["port"]));
    }
}
