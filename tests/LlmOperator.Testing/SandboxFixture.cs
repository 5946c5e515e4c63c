using k8s;
using LlmOperator.Sandbox.Hosting;
using Xunit;

namespace LlmOperator.Testing;

/// <summary>
/// A sandbox API server for one test class, with a kubeconfig, a KubernetesClient, and pods of the
/// operator's image running the llmop built alongside the tests.
/// </summary>
public class SandboxFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private SandboxServer? _server;
    private int _namespaces;

    /// <summary>The running sandbox.</summary>
    public SandboxServer Server => _server ?? throw new InvalidOperationException("The sandbox has not started.");

    /// <summary>A kubeconfig that reaches the sandbox.</summary>
    public string KubeconfigPath => Path.Combine(_dir.Path, "kubeconfig");

    /// <summary>A KubernetesClient for the sandbox.</summary>
    public IKubernetes Client { get; private set; } = null!;

    /// <summary>An HttpClient for raw requests to the sandbox: it trusts the sandbox's authority and sends its token.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The options the sandbox starts with; a subclass may change them.</summary>
    protected virtual SandboxOptions Options => new()
    {
        LlmopCommand = Llmop.Command,
        PodReadyDelay = TimeSpan.FromMilliseconds(50),
        BookmarkInterval = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>Manifests (files or folders under the repository) applied when the sandbox starts.</summary>
    protected virtual IReadOnlyList<string> InitialManifests => [];

    /// <summary>A kubectl for the sandbox with a cache of its own.</summary>
    public Kubectl Kubectl() => new(KubeconfigPath);

    /// <summary>A namespace no other test uses, created in the sandbox.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix = "test")
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = name } }).ConfigureAwait(false);
        return name;
    }

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(Options).ConfigureAwait(false);
        _server.WriteKubeconfig(KubeconfigPath);
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
        Http = CreateHttpClient(withToken: true);
        ManifestApplier.Apply(_server.Resources, InitialManifests.Select(m => RepositoryPaths.Combine(m)));
    }

    /// <summary>An HttpClient that trusts the sandbox's TLS authority, with or without the bearer token.</summary>
    public HttpClient CreateHttpClient(bool withToken)
    {
        var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(Server.AuthorityPem);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                    chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                    return certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 leaf && chain.Build(leaf);
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Server.Address };
        if (withToken)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Server.Token);
        }

        return client;
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _dir.Dispose();
    }
}
