using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LlmOperator.Sandbox.Hosting;

/// <summary>
/// A throwaway certificate authority and a serving certificate for 127.0.0.1 and localhost, made at
/// start-up: kubectl will not send a bearer token over plain HTTP, so the sandbox speaks TLS and its
/// kubeconfig trusts this authority.
/// </summary>
internal sealed class SandboxCertificates : IDisposable
{
    private SandboxCertificates(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    /// <summary>The authority clients trust (public part only).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The serving certificate, with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The authority as PEM, for a kubeconfig's certificate-authority-data.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>Makes a new authority and serving certificate valid for a day.</summary>
    public static SandboxCertificates Create()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=llmop-sandbox-ca", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authority = authorityRequest.CreateSelfSigned(now, now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=llmop-sandbox", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var signed = serverRequest.Create(authority, now, now.AddDays(1), serial);
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // Kestrel on Linux needs the key in a form it can load, which a PKCS#12 round trip gives.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new SandboxCertificates(X509CertificateLoader.LoadCertificate(authority.Export(X509ContentType.Cert)), server);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
