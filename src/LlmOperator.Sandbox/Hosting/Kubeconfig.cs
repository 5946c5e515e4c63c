using System.Text.Json.Nodes;
using LlmOperator.Manifests.Yaml;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>The kubeconfig that points kubectl and KubernetesClient at a sandbox.</summary>
internal static class Kubeconfig
{
    /// <summary>The context name written.</summary>
    public const string ContextName = "llmop-sandbox";

    /// <summary>The kubeconfig's YAML text.</summary>
    public static string Render(Uri server, string token, string authorityPem, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(server);
        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = ContextName,
                ["cluster"] = new JsonObject
                {
                    ["server"] = server.ToString().TrimEnd('/'),
                    ["certificate-authority-data"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(authorityPem)),
                },
            }),
            ["users"] = new JsonArray(new JsonObject
            {
                ["name"] = ContextName,
                ["user"] = new JsonObject { ["token"] = token },
            }),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["name"] = ContextName,
                ["context"] = new JsonObject { ["cluster"] = ContextName, ["user"] = ContextName, ["namespace"] = defaultNamespace },
            }),
            ["current-context"] = ContextName,
        };
        return YamlWriter.Write(config);
    }

    /// <summary>Writes the kubeconfig readable only by its owner (it holds the token).</summary>
    public static void Write(string path, Uri server, string token, string authorityPem)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Render(server, token, authorityPem));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
