using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LlmOperator.Kubernetes.Telemetry;

/// <summary>
/// Runs in the /metrics branch in front of OpenTelemetry's Prometheus exporter and writes the <see cref="IObjectMetrics"/>
/// after what the exporter wrote, as one response. The exporter answers in the format the scraper prefers (OpenMetrics for
/// Prometheus, which must end with "# EOF"), gzipped when the scraper accepts it; here it is asked for the plain text
/// format, uncompressed, so that the object metrics can follow it. Prometheus reads that format as well.
/// </summary>
internal sealed class ObjectMetricsMiddleware(RequestDelegate next, IEnumerable<IObjectMetrics> sources)
{
    private const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task InvokeAsync(HttpContext context)
    {
        context.Request.Headers.Accept = "text/plain; version=0.0.4";
        context.Request.Headers.Remove(HeaderNames.AcceptEncoding);
        var response = context.Response;
        var body = response.Body;
        // The whole answer is gathered in a pipe before it is sent: the object metrics are written synchronously, which the server
        // refuses on the response itself. The pipe never pauses its writer, and its pooled segments keep a scrape of 10,000
        // ModelDeployments (3 MB) off the large object heap.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0));
        await using (var gathered = pipe.Writer.AsStream(leaveOpen: true))
        {
            response.Body = gathered;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                response.Body = body;
            }

            if (response.StatusCode == StatusCodes.Status200OK)
            {
                await using (var text = new StreamWriter(gathered, Utf8, bufferSize: 16 * 1024, leaveOpen: true))
                {
                    var writer = new ObjectMetricsWriter(text);
                    foreach (var source in sources)
                    {
                        source.WriteTo(writer);
                    }
                }

                // Set here too: the exporter sets it only when it has metrics of its own.
                response.ContentType = TextFormat;
            }
        }

        await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        response.ContentLength = null;
        try
        {
            await pipe.Reader.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
    }
}
