using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LlmOperator.Kubernetes.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmOperator.Kubernetes.Hosting;

/// <summary>
/// Serves /healthz, /readyz and <see cref="OperatorHost.MetricsPath"/> on the health port: GETs from the kubelet's probes and
/// Prometheus' scrapes, one request per connection, closed after the answer. ASP.NET Core's server did this before and took about
/// 9 MB of the operator's memory for three fixed answers (issue 20).
/// </summary>
public sealed partial class HealthServer : IHostedService, IDisposable
{
    private const int MaxRequestHead = 8 * 1024;
    private const int MaxConnections = 8;
    private const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";
    private const int MaxLingerBytes = 64 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(2);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly OperatorOptions _options;
    private readonly HealthCheckService _health;
    private readonly MetricsScrape _metrics;
    private readonly ILogger<HealthServer> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _connections = new(MaxConnections);
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private int _disposed;

    internal HealthServer(IOptions<OperatorOptions> options, HealthCheckService health, MetricsScrape metrics, ILogger<HealthServer> logger)
    {
        _options = options.Value;
        _health = health;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The port it listens on, on every IPv4 address: <see cref="OperatorOptions.HealthPort"/>, or the one picked for 0.</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Any, _options.HealthPort));
            listener.Listen(64);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"the health port {_options.HealthPort} cannot be listened on: {e.Message}", e);
        }

        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _accepting = AcceptAsync(listener, _stopping.Token);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _accepting.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The container disposes it twice: as itself and as a hosted service.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _listener?.Dispose();
            _stopping.Dispose();
        }
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stopping)
    {
        while (true)
        {
            Socket connection;
            try
            {
                // At most MaxConnections answers at once; more wait in the listen backlog.
                await _connections.WaitAsync(stopping).ConfigureAwait(false);
                connection = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (stopping.IsCancellationRequested || e is ObjectDisposedException or OperationCanceledException
                || e is SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                // Stopped, or the listener closed under it.
                return;
            }
            catch (SocketException e)
            {
                // A connection reset before it was accepted, say: the listener goes on.
                _connections.Release();
                LogAcceptFailed(e.SocketErrorCode);
                continue;
            }

            _ = ServeAsync(connection, stopping);
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stopping)
    {
        try
        {
            using (connection)
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                timeout.CancelAfter(RequestTimeout);
                // The metrics are written synchronously: a client that stops reading fails the send after this long.
                connection.SendTimeout = (int)RequestTimeout.TotalMilliseconds;
                await using (var stream = new NetworkStream(connection, ownsSocket: false))
                {
                    await AnswerAsync(connection, stream, timeout.Token).ConfigureAwait(false);
                }

                await CloseAsync(connection, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The client went away or took too long; the next probe or scrape asks again.
            LogConnectionDropped(e.Message);
        }
        catch (Exception e)
        {
            LogAnswerFailed(e);
        }
        finally
        {
            _connections.Release();
        }
    }

    // Closing a socket with unread bytes (a body, or headers past the limit) resets the connection, and the client may lose the
    // answer: the server ends its side first and reads what the client still sends until it closes too (a lingering close).
    private static async Task CloseAsync(Socket connection, CancellationToken cancellationToken)
    {
        connection.Shutdown(SocketShutdown.Send);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            linger.CancelAfter(LingerTimeout);
            for (var read = 0; read < MaxLingerBytes;)
            {
                var received = await connection.ReceiveAsync(buffer, linger.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    return;
                }

                read += received;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task AnswerAsync(Socket connection, NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxRequestHead);
        try
        {
            var length = 0;
            int headEnd;
            while ((headEnd = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (length == MaxRequestHead)
                {
                    const string TooLong = "the request's headers are longer than 8 KiB\n";
                    await RespondAsync(stream, head: false, 431, "Request Header Fields Too Large", TooLong, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var read = await connection.ReceiveAsync(buffer.AsMemory(length, MaxRequestHead - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                length += read;
            }

            await RouteAsync(stream, HealthRequest.Parse(buffer.AsSpan(0, headEnd)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task RouteAsync(NetworkStream stream, HealthRequest? parsed, CancellationToken cancellationToken)
    {
        if (parsed is not { } request)
        {
            await RespondAsync(stream, head: false, 400, "Bad Request", "not an HTTP/1.x request line\n", cancellationToken).ConfigureAwait(false);
            return;
        }

        var head = request.Method == "HEAD";
        var tag = request.Path switch
        {
            "/healthz" => OperatorHealthChecks.LiveTag,
            "/readyz" => OperatorHealthChecks.ReadyTag,
            _ => null,
        };
        if (tag is null && request.Path != OperatorHost.MetricsPath)
        {
            await RespondAsync(stream, head, 404, "Not Found", $"{request.Path} is not served here: /healthz, /readyz and /metrics are\n", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        if (request.Method is not ("GET" or "HEAD"))
        {
            await RespondAsync(stream, head, 405, "Method Not Allowed", $"{request.Path} answers GET and HEAD\n", cancellationToken, "Allow: GET, HEAD\r\n")
                .ConfigureAwait(false);
            return;
        }

        if (tag is not null)
        {
            // As ASP.NET Core's health checks answered: the status as the body, 503 when unhealthy.
            var report = await _health.CheckHealthAsync(c => c.Tags.Contains(tag), cancellationToken).ConfigureAwait(false);
            var healthy = report.Status != HealthStatus.Unhealthy;
            await RespondAsync(stream, head, healthy ? 200 : 503, healthy ? "OK" : "Service Unavailable", report.Status.ToString(), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        // The scrape is written as it is made, its end marked by the end of the connection: 10,000 objects make about 3 MB.
        await WriteHeadAsync(stream, 200, "OK", TextFormat, contentLength: null, cancellationToken).ConfigureAwait(false);
        if (!head)
        {
            await using var text = new StreamWriter(stream, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
            _metrics.WriteTo(text);
        }
    }

    // The answer to a HEAD has the headers the GET's would have, its Content-Length included, and no body.
    private static async Task RespondAsync(
        NetworkStream stream, bool head, int status, string reason, string body, CancellationToken cancellationToken, string extraHeaders = "")
    {
        var bytes = Utf8.GetBytes(body);
        await WriteHeadAsync(stream, status, reason, "text/plain; charset=utf-8", bytes.Length, cancellationToken, extraHeaders).ConfigureAwait(false);
        if (!head)
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteHeadAsync(
        NetworkStream stream, int status, string reason, string contentType, int? contentLength, CancellationToken cancellationToken, string extraHeaders = "")
    {
        var length = contentLength is { } known ? $"Content-Length: {known}\r\n" : "";
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\n{length}{extraHeaders}Cache-Control: no-store\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The health port could not accept a connection: {Error}")]
    private partial void LogAcceptFailed(SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A connection to the health port ended before its answer: {Reason}")]
    private partial void LogConnectionDropped(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The health port failed to answer a request")]
    private partial void LogAnswerFailed(Exception exception);
}
