using System.Globalization;
using System.Net;
using System.Text.Json;

namespace LlmOperator.Evaluation.Live.Prometheus;

/// <summary>
/// Queries Prometheus's HTTP API: instant queries (/api/v1/query) and range queries (/api/v1/query_range),
/// sent as forms so that long queries fit, with Prometheus's own timeout and a client-side one a little
/// longer. An answer that is not a result is a <see cref="PrometheusException"/> that says why: the server
/// unreachable, a timeout, a server error, or the query refused (with Prometheus's error, which points at
/// the place in the query).
/// </summary>
public sealed class PrometheusClient(HttpClient http)
{
    // Prometheus stops its own evaluation at the timeout it is sent; the client waits a little longer for that answer.
    private static readonly TimeSpan ClientMargin = TimeSpan.FromSeconds(5);

    /// <summary>The value of <paramref name="query"/> at <paramref name="at"/>.</summary>
    public Task<PrometheusResult> QueryAsync(string address, string query, DateTimeOffset at, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAsync(address, "query", [new("query", query), new("time", Seconds(at)), new("timeout", Seconds(timeout))], timeout, cancellationToken);

    /// <summary>The values of <paramref name="query"/> from <paramref name="start"/> to <paramref name="end"/>, one every <paramref name="step"/>.</summary>
    public Task<PrometheusResult> QueryRangeAsync(
        string address, string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAsync(
            address,
            "query_range",
            [new("query", query), new("start", Seconds(start)), new("end", Seconds(end)), new("step", Seconds(step)), new("timeout", Seconds(timeout))],
            timeout,
            cancellationToken);

    private async Task<PrometheusResult> SendAsync(
        string address, string endpoint, KeyValuePair<string, string>[] form, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri(address.TrimEnd('/') + "/api/v1/" + endpoint);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout + ClientMargin);
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(url, content, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return Read(url, response.StatusCode, body);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PrometheusException($"Prometheus at {address} did not answer within {Seconds(timeout + ClientMargin)} seconds", false, e);
        }
        catch (HttpRequestException e)
        {
            throw new PrometheusException($"Prometheus at {address} cannot be reached: {e.Message}", false, e);
        }
    }

    private static PrometheusResult Read(Uri url, HttpStatusCode status, string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new PrometheusException($"{url} answered {(int)status} {status} with no Prometheus response ({Excerpt(body)})", false);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var outcome) || outcome.ValueKind != JsonValueKind.String)
        {
            throw new PrometheusException($"{url} answered {(int)status} {status} with no Prometheus response ({Excerpt(body)})", false);
        }

        if (outcome.GetString() != "success")
        {
            var type = Text(root, "errorType") ?? "error";
            var error = Text(root, "error") ?? "no reason given";
            // bad_data is the query itself (400); execution errors (422) come from it too, such as many-to-many matching.
            var refused = status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity;
            throw new PrometheusException(
                refused
                    ? $"Prometheus refused the query ({type}): {error}"
                    : $"Prometheus at {url.GetLeftPart(UriPartial.Authority)} failed the query ({(int)status} {type}): {error}",
                refused);
        }

        try
        {
            var data = root.GetProperty("data");
            var type = data.GetProperty("resultType").GetString() ?? "";
            var result = data.GetProperty("result");
            return type switch
            {
                "vector" => new PrometheusResult(type, [.. result.EnumerateArray().Select(s => Series(s, [Sample(s.GetProperty("value"))]))]),
                "matrix" => new PrometheusResult(
                    type, [.. result.EnumerateArray().Select(s => Series(s, [.. s.GetProperty("values").EnumerateArray().Select(Sample)]))]),
                "scalar" or "string" => new PrometheusResult(type, [new PrometheusSeries(new Dictionary<string, string>(), [Sample(result)])]),
                _ => throw new FormatException($"unknown resultType \"{type}\""),
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new PrometheusException($"{url} answered a result that cannot be read: {e.Message}", false, e);
        }
    }

    private static PrometheusSeries Series(JsonElement series, PrometheusSample[] samples) => new(Labels(series), samples);

    private static Dictionary<string, string> Labels(JsonElement series) =>
        series.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object
            ? metric.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    // [1700000000.123, "0.42"]: seconds since the epoch, and the value as text (NaN, +Inf and -Inf included).
    private static PrometheusSample Sample(JsonElement pair)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000));
        var text = pair[1].GetString() ?? "";
        var value = text switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"the value \"{text}\" is not a number"),
        };
        return new PrometheusSample(time, value);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Excerpt(string body)
    {
        var text = body.Trim().ReplaceLineEndings(" ");
        return text.Length == 0 ? "an empty body" : text.Length <= 200 ? text : text[..200] + "...";
    }

    private static string Seconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    // Prometheus reads a step or timeout as plain seconds too, which keep a fraction that its Go-style durations refuse.
    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
