namespace LlmOperator.Packaging.Tests.Install;

/// <summary>Runs a README command with bash as a reader would: from the repository root, with helm and kubectl on the PATH.</summary>
public static class ReadmeShell
{
    /// <summary>Runs the command against the cluster of <paramref name="kubeconfig"/>.</summary>
    public static Task<ToolResult> RunAsync(string command, string kubeconfig)
    {
        var tools = Path.GetDirectoryName(Path.GetFullPath(Helm.Binary))!;
        return Tool.RunAsync("bash", "-euo", "pipefail", "-c", $"export KUBECONFIG='{kubeconfig}' PATH='{tools}':\"$PATH\"; {command}");
    }
}
