using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOperator.Sandbox.Resources;
using LlmOperator.Sandbox.Storage;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// Resolves a container's environment as the kubelet does: literal values, the downward API (pod
/// name, namespace, uid, IP, service account, labels), keys of Secrets and ConfigMaps, envFrom, and
/// $(VAR) references in later values and in arguments.
/// </summary>
internal static partial class ContainerEnvironment
{
    /// <summary>The container's environment variables, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Resolve(JsonObject pod, JsonObject container, ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(store);
        var ns = pod["metadata"]?["namespace"]?.ToString() ?? "";
        var env = new List<KeyValuePair<string, string>>();
        foreach (var source in (container["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var prefix = source["prefix"]?.ToString() ?? "";
            var data = source["configMapRef"]?["name"]?.ToString() is { } configMap
                ? Data(store, new ResourceKey("", "configmaps"), ns, configMap, decode: false)
                : source["secretRef"]?["name"]?.ToString() is { } secret ? Data(store, new ResourceKey("", "secrets"), ns, secret, decode: true)
                : [];
            env.AddRange(data.Select(d => KeyValuePair.Create(prefix + d.Key, d.Value)));
        }

        foreach (var variable in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = variable["name"]?.ToString() ?? "";
            var value = variable["value"] is { } literal
                ? Expand(literal.ToString(), env)
                : FromSource(variable["valueFrom"] as JsonObject, pod, ns, store);
            env.RemoveAll(e => e.Key == name);
            env.Add(KeyValuePair.Create(name, value));
        }

        return env;
    }

    /// <summary>Replaces $(NAME) with the variable's value; $$ escapes a dollar; unknown references stay as written.</summary>
    public static string Expand(string text, IReadOnlyList<KeyValuePair<string, string>> env)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(env);
        return Reference().Replace(text, match => match.Value == "$$" ? "$"
            : env.LastOrDefault(e => e.Key == match.Groups["name"].Value) is { Key: not null } found ? found.Value
            : match.Value);
    }

    private static string FromSource(JsonObject? source, JsonObject pod, string ns, ObjectStore store)
    {
        if (source?["fieldRef"]?["fieldPath"]?.ToString() is { } fieldPath)
        {
            return fieldPath switch
            {
                "metadata.name" => pod["metadata"]?["name"]?.ToString() ?? "",
                "metadata.namespace" => ns,
                "metadata.uid" => pod["metadata"]?["uid"]?.ToString() ?? "",
                "status.podIP" => pod["status"]?["podIP"]?.ToString() ?? "",
                "status.hostIP" => "127.0.0.1",
                "spec.nodeName" => pod["spec"]?["nodeName"]?.ToString() ?? "sandbox",
                "spec.serviceAccountName" => pod["spec"]?["serviceAccountName"]?.ToString() ?? "default",
                _ when LabelPath().Match(fieldPath) is { Success: true } label =>
                    pod["metadata"]?[label.Groups["map"].Value]?[label.Groups["key"].Value]?.ToString() ?? "",
                _ => "",
            };
        }

        if (source?["secretKeyRef"] is JsonObject secretKey)
        {
            return Data(store, new ResourceKey("", "secrets"), ns, secretKey["name"]?.ToString() ?? "", decode: true)
                .GetValueOrDefault(secretKey["key"]?.ToString() ?? "", "");
        }

        if (source?["configMapKeyRef"] is JsonObject configMapKey)
        {
            return Data(store, new ResourceKey("", "configmaps"), ns, configMapKey["name"]?.ToString() ?? "", decode: false)
                .GetValueOrDefault(configMapKey["key"]?.ToString() ?? "", "");
        }

        return "";
    }

    private static Dictionary<string, string> Data(ObjectStore store, ResourceKey resource, string ns, string name, bool decode)
    {
        var data = store.Get(resource, ns, name)?.ToJsonObject()["data"] as JsonObject ?? [];
        return data.ToDictionary(
            d => d.Key,
            d => decode ? Encoding.UTF8.GetString(Convert.FromBase64String(d.Value?.ToString() ?? "")) : d.Value?.ToString() ?? "");
    }

    [GeneratedRegex(@"\$\$|\$\((?<name>[A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^metadata\.(?<map>labels|annotations)\['(?<key>[^']+)'\]$")]
    private static partial Regex LabelPath();
}
