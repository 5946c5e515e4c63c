namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// What a pod's process needs to act inside the sandbox like a pod inside a cluster: an HTTP proxy
/// that resolves Service names, and a kubeconfig that reaches the API server.
/// </summary>
internal sealed class SandboxEnvironment
{
    /// <summary>The proxy's address, for example http://127.0.0.1:41234.</summary>
    public Uri? ProxyAddress { get; set; }

    /// <summary>The kubeconfig pods use in place of a service account token.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>The variables every pod process gets before its own.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables()
    {
        var variables = new List<KeyValuePair<string, string>>();
        if (ProxyAddress is { } proxy)
        {
            var address = proxy.ToString().TrimEnd('/');
            variables.Add(KeyValuePair.Create("HTTP_PROXY", address));
            variables.Add(KeyValuePair.Create("http_proxy", address));
            variables.Add(KeyValuePair.Create("NO_PROXY", "127.0.0.1,localhost"));
            variables.Add(KeyValuePair.Create("no_proxy", "127.0.0.1,localhost"));
        }

        if (KubeconfigPath is { } kubeconfig)
        {
            variables.Add(KeyValuePair.Create("KUBECONFIG", kubeconfig));
        }

        return variables;
    }
}
