using LlmOperator.Sandbox.Hosting;

namespace LlmOperator.Sandbox.Workloads;

/// <summary>
/// What a pod's process needs to act inside the sandbox like a pod inside a cluster: an HTTP proxy that resolves
/// Service names, and a kubeconfig of its own that reaches the API server with its service account's token.
/// </summary>
internal sealed class SandboxEnvironment
{
    /// <summary>The proxy's address, for example http://127.0.0.1:41234.</summary>
    public Uri? ProxyAddress { get; set; }

    /// <summary>The API server's address, which pod kubeconfigs point at.</summary>
    public Uri? ApiServer { get; set; }

    /// <summary>The PEM of the authority that signed the API server's certificate, which pod kubeconfigs trust.</summary>
    public string AuthorityPem { get; set; } = "";

    /// <summary>
    /// Writes a pod's kubeconfig, carrying its token, at <paramref name="path"/>; an empty token (its service account
    /// vanished before the pod started) makes every request of the pod answer 401.
    /// </summary>
    public void WriteKubeconfig(string path, string token)
    {
        if (ApiServer is { } server)
        {
            Kubeconfig.Write(path, server, token, AuthorityPem);
        }
    }

    /// <summary>The variables every pod process gets before its own, with the pod's kubeconfig.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables(string kubeconfig)
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

        if (ApiServer is not null)
        {
            variables.Add(KeyValuePair.Create("KUBECONFIG", kubeconfig));
        }

        return variables;
    }
}
