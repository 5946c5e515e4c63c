using System.Net;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Evaluation.Hosting;

/// <summary>
/// The start of every small HTTP server llmop runs in a pod (mock-llm, the router, the adapter loader): a slim
/// ASP.NET Core builder with no logging but the caller's, and Kestrel listening on one address and port, without
/// a Server header. In a pod the host is the pod IP from the downward API.
/// </summary>
internal static class PodServerBuilder
{
    /// <summary>
    /// A builder listening on <paramref name="host"/>:<paramref name="port"/>, or on <paramref name="otherwise"/> when
    /// the host is not an IP address (the servers' options refuse that at start, with the reason).
    /// </summary>
    public static WebApplicationBuilder Create(string host, int port, IPAddress otherwise, Action<ILoggingBuilder>? logging)
    {
        var builder = SlimWebHost.CreateBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.TryParse(host, out var address) ? address : otherwise, port);
        });
        return builder;
    }
}
