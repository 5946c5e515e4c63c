using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Evaluation.Tests.Support;

/// <summary>
/// An HTTPS server on a free loopback port with a throwaway self-signed certificate, serving files by path (archives,
/// and a Hugging Face Hub's API and resolve URLs), recording each request's path and Authorization header. A path can
/// be held until released, to see what arrives while a download is under way.
/// </summary>
internal sealed class AdapterSourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly Dictionary<string, (int Status, byte[] Body)> _files = new(StringComparer.Ordinal);
    private readonly List<(string Path, string? Authorization)> _requests = [];

    private AdapterSourceServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    /// <summary>The base URL, https://127.0.0.1:PORT, without a trailing slash.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Completed to release the requests of held paths.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A path whose requests wait for <see cref="Release"/>.</summary>
    public string? Held { get; set; }

    /// <summary>The requests received: path (with query) and Authorization header.</summary>
    public IReadOnlyList<(string Path, string? Authorization)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (the escaped path, as sent) with <paramref name="status"/>.</summary>
    public void Serve(string path, byte[] body, int status = StatusCodes.Status200OK)
    {
        lock (_files)
        {
            _files[path] = (status, body);
        }
    }

    /// <summary>A handler that trusts this server's certificate, and no other that the system does not.</summary>
    public SocketsHttpHandler TrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate?.GetCertHashString() == _certificate.GetCertHashString(),
        },
    };

    public static async Task<AdapterSourceServer> StartAsync()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new AdapterSourceServer(app, certificate);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        server.Url = LlmOperator.Evaluation.MockLlm.MockLlmServer.Address(app).ToString().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        lock (_requests)
        {
            _requests.Add((path, context.Request.Headers.Authorization.FirstOrDefault()));
        }

        if (path == Held)
        {
            await Release.Task;
        }

        (int Status, byte[] Body) file;
        lock (_files)
        {
            file = _files.GetValueOrDefault(path, (StatusCodes.Status404NotFound, "Entry not found"u8.ToArray()));
        }

        context.Response.StatusCode = file.Status;
        await context.Response.Body.WriteAsync(file.Body);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=adapter-source-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var signed = request.CreateSelfSigned(now, now.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(signed.Export(X509ContentType.Pkcs12), null);
    }
}
