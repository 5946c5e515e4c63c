using System.Text.Json.Nodes;
using LlmOperator.Packaging.Tests.ArgoCd;

namespace LlmOperator.Packaging.Tests.Install;

/// <summary>Rendered manifests: parsing a stream of YAML documents and finding objects in it.</summary>
public static class Manifests
{
    /// <summary>Every object of a multi-document YAML stream.</summary>
    public static IReadOnlyList<JsonObject> Parse(string yaml) => [.. YamlFile.ReadAll("rendered", yaml).OfType<JsonObject>()];

    /// <summary>The identity of an object: kind, namespace and name.</summary>
    public static string Key(JsonObject obj) =>
        $"{obj["kind"]}/{obj["metadata"]?["namespace"]?.GetValue<string>() ?? ""}/{obj["metadata"]?["name"]}";

    /// <summary>The one object of a kind and name.</summary>
    public static JsonObject Find(IEnumerable<JsonObject> objects, string kind, string name) =>
        objects.Single(o => o["kind"]?.GetValue<string>() == kind && o["metadata"]?["name"]?.GetValue<string>() == name);

    /// <summary>The operator's container in a rendered Deployment.</summary>
    public static JsonObject OperatorContainer(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "operator")!.AsObject();

    /// <summary>A container's args.</summary>
    public static IReadOnlyList<string> Args(JsonObject container) => [.. container["args"]!.AsArray().Select(a => a!.GetValue<string>())];

    /// <summary>A container's literal env values by name (fieldRef variables as "fieldRef:PATH").</summary>
    public static IReadOnlyDictionary<string, string> Env(JsonObject container) =>
        (container["env"] as JsonArray ?? []).ToDictionary(
            e => e!["name"]!.GetValue<string>(),
            e => e!["value"]?.GetValue<string>() ?? "fieldRef:" + e["valueFrom"]?["fieldRef"]?["fieldPath"]?.GetValue<string>());
}
