using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Exceptions;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Tests.Access;

public sealed class KubeconfigFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("llmop-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_kubeconfig_gives_the_configuration_kubernetes_client_would_build_from_it()
    {
        var (certificate, key) = SelfSigned();
        File.WriteAllText(Path.Combine(_folder, "ca.crt"), certificate);
        File.WriteAllText(Path.Combine(_folder, "client.crt"), certificate);
        File.WriteAllText(Path.Combine(_folder, "client.key"), key);
        var data = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(certificate));
        var keyData = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key));
        string[] kubeconfigs =
        [
            $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: {{data}}}
            users:
            - name: sandbox
              user: {token: abc123}
            contexts:
            - name: sandbox
              context: {cluster: sandbox, user: sandbox, namespace: team-a}
            current-context: sandbox
            """,
            $$"""
            apiVersion: v1
            kind: Config
            preferences: {colors: true}
            clusters:
            - name: one
              cluster:
                server: https://one.example:443
                insecure-skip-tls-verify: true
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension:
                    audience: one
                    nested: {list: [1, two]}
            - name: two
              cluster: {server: "https://two.example", certificate-authority: ca.crt, tls-server-name: api.two}
            users:
            - name: certs
              user: {client-certificate: client.crt, client-key: client.key}
            - name: inline
              user: {client-certificate-data: {{data}}, client-key-data: {{keyData}}, as: someone, as-groups: [a, b]}
            - name: basic
              user: {username: admin, password: secret}
            contexts:
            - name: first
              context: {cluster: one, user: basic}
            - name: second
              context: {cluster: two, user: certs, namespace: b}
            - name: third
              context: {cluster: one, user: inline}
            current-context: second
            """,
        ];

        foreach (var (text, i) in kubeconfigs.Select((k, i) => (k, i)))
        {
            var path = Path.Combine(_folder, $"config-{i}");
            File.WriteAllText(path, text);
            foreach (var context in new[] { "sandbox", "first", "second", "third" }.Where(c => text.Contains($"name: {c}", StringComparison.Ordinal)))
            {
                var expected = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, context);
                var actual = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Read(path), context);
                Assert.Equal(Describe(expected), Describe(actual));
            }

            Assert.Equal(
                Describe(KubernetesClientConfiguration.BuildConfigFromConfigFile(path)),
                Describe(KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Read(path))));
        }
    }

    [Fact]
    public void A_missing_or_empty_kubeconfig_is_a_kubeconfig_error()
    {
        var missing = Assert.Throws<KubeConfigException>(() => KubeconfigFile.Read(Path.Combine(_folder, "missing")));
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "empty"), "");
        Assert.Throws<KubeConfigException>(() => KubeconfigFile.Read(Path.Combine(_folder, "empty")));
    }

    private static string Describe(KubernetesClientConfiguration c) => string.Join(
        "\n",
        $"host {c.Host}", $"namespace {c.Namespace}", $"token {c.AccessToken}", $"skip {c.SkipTlsVerify}", $"server name {c.TlsServerName}",
        $"client cert {c.ClientCertificateData} {c.ClientCertificateFilePath}", $"client key {c.ClientCertificateKeyData} {c.ClientKeyFilePath}",
        $"basic {c.Username}:{c.Password}", $"ca {string.Join(",", (c.SslCaCerts ?? []).Select(ca => ca.Thumbprint))}");

    private static (string Certificate, string Key) SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubeconfig-test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
