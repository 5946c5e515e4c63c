using System.Net;
using System.Security.Cryptography;
using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;
using LlmOperator.Evaluation.Reports.Html;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Kubernetes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Dashboard;

/// <summary>
/// The dashboard as a small web application on Kestrel: every page server-rendered, kept current by
/// server-sent events that carry the page's new content whenever a watched object changes, and, with
/// actions allowed, promote, abort and retry posted from the rollout page (same origin only).
/// </summary>
internal static class DashboardServer
{
    // The only script: it follows the page's events from the content it was given (so that an unchanged page is
    // not sent again) and swaps the main content for what the server sends, keeping the case filter as it was.
    private const string LiveScript = """
        (() => {
          const main = document.getElementById('main');
          const query = new URLSearchParams(location.search);
          query.set('seen', 'SEEN');
          const events = new EventSource('/events' + location.pathname + '?' + query.toString());
          events.addEventListener('main', e => {
            const filter = document.getElementById('only-new-failures');
            const checked = filter !== null && filter.checked;
            main.innerHTML = e.data;
            const again = document.getElementById('only-new-failures');
            if (again !== null) { again.checked = checked; }
            document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
          });
        })();
        """;

    /// <summary>Builds the application listening on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port).</summary>
    public static WebApplication Build(DashboardReader reader, IResourceClient<ModelDeployment> models, IPAddress address, int port, bool allowActions)
    {
        var builder = SlimWebHost.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        var app = builder.Build();
        var pages = new DashboardPages(reader, allowActions, TimeProvider.System);
        app.MapGet(DashboardPaths.Events + "/{**page}", (HttpContext context, string? page) => StreamAsync(context, pages, reader, "/" + page));
        if (allowActions)
        {
            app.MapPost(
                "/rollouts/{name}/{action}",
                (HttpContext context, string name, string action) => ActAsync(context, models, reader.Namespace, name, action));
        }

        app.MapGet("/{**path}", (HttpContext context, string? path) => PageAsync(context, pages, "/" + path));
        return app;
    }

    private static async Task PageAsync(HttpContext context, DashboardPages pages, string path)
    {
        (string Title, string Main)? page;
        try
        {
            page = await pages.RenderAsync(path, context.Request.Query["message"], context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or FormatException)
        {
            var main = $"<h1>Cannot read the cluster</h1>\n<p>{HtmlPage.Encode(e.Message)}</p>\n";
            await WriteAsync(context, StatusCodes.Status502BadGateway, "Cannot read the cluster", main, null).ConfigureAwait(false);
            return;
        }

        if (page is not { } found)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "Not found", $"<h1>Not found</h1>\n<p>Nothing is at {HtmlPage.Encode(path)}.</p>\n", null)
                .ConfigureAwait(false);
            return;
        }

        // The content's fingerprint tells the event stream what the browser already shows.
        var script = LiveScript.Replace("SEEN", Fingerprint(found.Main), StringComparison.Ordinal);
        await WriteAsync(context, StatusCodes.Status200OK, found.Title, found.Main, script).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string main, string? script)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(HtmlPage.Page(title, main, DashboardPaths.Overview, script), context.RequestAborted);
    }

    // A page's content again after every change, for as long as the browser keeps the stream open.
    private static async Task StreamAsync(HttpContext context, DashboardPages pages, DashboardReader reader, string path)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var cancellationToken = context.RequestAborted;
        string? message = context.Request.Query["message"];
        string? last = context.Request.Query["seen"];
        try
        {
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var _ in reader.ChangesAsync(cancellationToken).ConfigureAwait(false))
            {
                var page = await pages.RenderAsync(path, message, cancellationToken).ConfigureAwait(false);
                var main = page?.Main ?? $"<h1>Not found</h1>\n<p>{HtmlPage.Encode(path)} is gone.</p>\n";
                var fingerprint = Fingerprint(main);
                if (fingerprint == last)
                {
                    continue;
                }

                var frame = new StringBuilder("event: main\n");
                foreach (var line in main.Split('\n'))
                {
                    frame.Append("data: ").Append(line).Append('\n');
                }

                await context.Response.WriteAsync(frame.Append('\n').ToString(), cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                last = fingerprint;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or KubernetesApiException or HttpRequestException or IOException)
        {
            // The browser went away, or the cluster did: the stream ends and EventSource connects again later.
        }
    }

    private static string Fingerprint(string main) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(main)))[..16];

    private static async Task ActAsync(HttpContext context, IResourceClient<ModelDeployment> models, string ns, string name, string action)
    {
        // A page of another site must not be able to post here with the user's credentials behind it.
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        Func<ModelDeployment, RolloutChange>? decide = action switch
        {
            "promote" => model => PromoteCommand.Decide(model, full: false),
            "abort" => AbortCommand.Decide,
            "retry" => RetryCommand.Decide,
            _ => null,
        };
        if (decide is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string said;
        try
        {
            var outcome = await RolloutCommand.ChangeAsync(models, new ObjectKey(ns, name), decide, context.RequestAborted).ConfigureAwait(false);
            said = outcome.ExitCode == LlmopCommand.Success ? outcome.Message ?? $"{action}: done" : $"{action} refused: {outcome.Message}";
        }
        catch (KubernetesApiException e)
        {
            said = $"{action} refused by the Kubernetes API: {e.Message}";
        }

        context.Response.Redirect(DashboardPaths.Rollout(name) + "?message=" + Uri.EscapeDataString(said));
    }
}
