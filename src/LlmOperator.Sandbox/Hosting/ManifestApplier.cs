using System.Text.Json.Nodes;
using LlmOperator.Manifests.Validation;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Server;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>
/// Applies manifest files straight through the sandbox's write path, as <c>kubectl apply</c> would:
/// create what is missing, replace what exists. CRDs in the same files are applied first so that
/// their kinds are served for the documents that follow.
/// </summary>
public static class ManifestApplier
{
    /// <summary>Applies every document under the paths and returns one line per object, as kubectl prints them.</summary>
    public static IReadOnlyList<string> Apply(ResourceService resources, IEnumerable<string> paths, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(resources);
        var documents = new List<JsonObject>();
        foreach (var file in ManifestLoader.Expand(paths))
        {
            var read = ManifestLoader.Read(file);
            if (read.Content?.Error is { } error)
            {
                throw new InvalidDataException($"{file}:{error.Line}: invalid YAML: {error.Message}");
            }

            documents.AddRange((read.Content?.Documents ?? []).Select(d => d.Root).OfType<JsonObject>());
        }

        return Apply(resources, documents, defaultNamespace);
    }

    /// <summary>Applies manifests already read and returns one line per object, as kubectl prints them.</summary>
    public static IReadOnlyList<string> Apply(ResourceService resources, IEnumerable<JsonObject> documents, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(documents);
        var lines = new List<string>();
        foreach (var document in documents.OrderBy(d => d["kind"]?.ToString() == "CustomResourceDefinition" ? 0 : 1))
        {
            lines.Add(ApplyOne(resources, document, defaultNamespace));
        }

        return lines;
    }

    private static string ApplyOne(ResourceService resources, JsonObject document, string defaultNamespace)
    {
        var apiVersion = document["apiVersion"]?.ToString() ?? "";
        var kind = document["kind"]?.ToString() ?? "";
        var type = resources.Registry.FindKind(apiVersion, kind)
            ?? throw new InvalidDataException($"no matches for kind \"{kind}\" in version \"{apiVersion}\"");
        var ns = type.Namespaced ? ObjectMeta.Text(document, "namespace") ?? defaultNamespace : "";
        var name = ObjectMeta.Text(document, "name") ?? "";
        var label = $"{type.Singular}{(type.Group.Length == 0 ? "" : "." + type.Group)}/{name}";
        try
        {
            if (resources.Store.Get(type.Key, ns, name) is { } existing)
            {
                ObjectMeta.Of(document)["resourceVersion"] = existing.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var result = resources.Update(type, ns, name, document, status: false, WriteOptions.Default);
                return $"{label} {(result.Stored.ResourceVersion == existing.ResourceVersion ? "unchanged" : "configured")}";
            }

            resources.Create(type, ns, document, WriteOptions.Default);
            return $"{label} created";
        }
        catch (ApiException e)
        {
            throw new InvalidDataException($"{label}: {e.Message}", e);
        }
    }
}
