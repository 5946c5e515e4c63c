using System.Text.Json.Nodes;
using LlmOperator.Manifests.Validation;
using LlmOperator.Testing;

namespace LlmOperator.E2E.Tests.Permissions;

/// <summary>The rules of the ClusterRoles and Roles in manifest files, flattened to the calls they allow.</summary>
public static class RbacRules
{
    /// <summary>Every (group, resource, verb) the roles in the files allow.</summary>
    public static IReadOnlySet<ApiCall> Allowed(params string[] repositoryFiles)
    {
        var allowed = new HashSet<ApiCall>();
        foreach (var file in repositoryFiles)
        {
            var read = ManifestLoader.Read(RepositoryPaths.Combine(file));
            foreach (var document in read.Content!.Documents
                .Select(d => d.Root)
                .OfType<JsonObject>()
                .Where(d => d["kind"]?.ToString() is "ClusterRole" or "Role"))
            {
                foreach (var rule in document["rules"]!.AsArray().OfType<JsonObject>())
                {
                    foreach (var group in Strings(rule["apiGroups"]))
                    {
                        foreach (var resource in Strings(rule["resources"]))
                        {
                            foreach (var verb in Strings(rule["verbs"]))
                            {
                                allowed.Add(new ApiCall(group, resource, verb));
                            }
                        }
                    }
                }
            }
        }

        return allowed;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node?.AsArray().Select(n => n!.ToString()) ?? [];
}
