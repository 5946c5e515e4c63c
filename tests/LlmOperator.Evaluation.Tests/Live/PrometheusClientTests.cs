using System.Net;
using System.Net.Sockets;
using System.Text;
using LlmOperator.Evaluation.Live.Prometheus;
using LlmOperator.Evaluation.Tests.Support;

namespace LlmOperator.Evaluation.Tests.Live;

/// <summary>The Prometheus HTTP API client, against answers in the shapes Prometheus 2 gives.</summary>
public sealed class PrometheusClientTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static (PrometheusClient Client, StubHandler Handler) Answering(string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(json, status)));
        return (new PrometheusClient(new HttpClient(handler)), handler);
    }

    [Fact]
    public async Task An_instant_query_is_posted_as_a_form_under_the_address_path_and_its_vector_is_read()
    {
        var (client, handler) = Answering("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"llmoperator_revision":"abc"},"value":[1796126400,"0.42"]}]}}
            """);

        var result = await client.QueryAsync("http://prometheus.monitoring:9090/prom/", "sum(up)", At, TimeSpan.FromSeconds(1.5), CancellationToken.None);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://prometheus.monitoring:9090/prom/api/v1/query", request.RequestUri!.ToString());
        Assert.Equal("query=sum%28up%29&time=1796126400&timeout=1.5", body);
        Assert.Equal("vector", result.ResultType);
        var series = Assert.Single(result.Series);
        Assert.Equal("abc", series.Labels["llmoperator_revision"]);
        Assert.Equal(new PrometheusSample(At, 0.42), Assert.Single(series.Samples));
    }

    [Fact]
    public async Task A_range_query_sends_its_window_and_step_and_reads_every_series_values_in_order()
    {
        var (client, handler) = Answering("""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"pod":"a"},"values":[[1796126340,"1"],[1796126370,"2.5"],[1796126400,"4"]]},
              {"metric":{"pod":"b"},"values":[[1796126400,"7"]]}]}}
            """);

        var result = await client.QueryRangeAsync(
            "http://prom:9090", "rate(x[1m])", At.AddMinutes(-1), At, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), CancellationToken.None);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("http://prom:9090/api/v1/query_range", request.RequestUri!.ToString());
        Assert.Equal("query=rate%28x%5B1m%5D%29&start=1796126340&end=1796126400&step=30&timeout=10", body);
        Assert.Equal("matrix", result.ResultType);
        Assert.Equal([1, 2.5, 4], result.Series[0].Samples.Select(s => s.Value));
        Assert.Equal(At.AddMinutes(-1), result.Series[0].Samples[0].Time);
        Assert.Equal([7], result.Series[1].Samples.Select(s => s.Value));
    }

    [Fact]
    public async Task NaN_and_infinities_are_read_as_numbers_and_a_scalar_is_one_series_without_labels()
    {
        var (client, _) = Answering("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"s":"1"},"value":[1796126400,"NaN"]},{"metric":{"s":"2"},"value":[1796126400,"+Inf"]},
              {"metric":{"s":"3"},"value":[1796126400,"-Inf"]}]}}
            """);
        var (scalarClient, _) = Answering("""{"status":"success","data":{"resultType":"scalar","result":[1796126400,"3.5"]}}""");

        var vector = await client.QueryAsync("http://prom:9090", "x", At, TimeSpan.FromSeconds(5), CancellationToken.None);
        var scalar = await scalarClient.QueryAsync("http://prom:9090", "3.5", At, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(double.IsNaN(vector.Series[0].Samples[0].Value));
        Assert.Equal(double.PositiveInfinity, vector.Series[1].Samples[0].Value);
        Assert.Equal(double.NegativeInfinity, vector.Series[2].Samples[0].Value);
        Assert.Equal("scalar", scalar.ResultType);
        Assert.Empty(Assert.Single(scalar.Series).Labels);
        Assert.Equal(3.5, scalar.Series[0].Samples[0].Value);
    }

    [Fact]
    public async Task An_empty_result_is_a_result_with_no_series_not_an_error()
    {
        var (client, _) = Answering("""{"status":"success","data":{"resultType":"vector","result":[]}}""");

        var result = await client.QueryAsync("http://prom:9090", "absent_metric", At, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Empty(result.Series);
    }

    [Fact]
    public async Task A_query_Prometheus_cannot_parse_is_refused_with_its_message_so_that_it_is_not_asked_again()
    {
        var (client, _) = Answering(
            """{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:8: parse error: unexpected right parenthesis ')'"}""",
            HttpStatusCode.BadRequest);

        var e = await Assert.ThrowsAsync<PrometheusException>(
            () => client.QueryAsync("http://prom:9090", "sum(up))", At, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.True(e.QueryRefused);
        Assert.Equal("Prometheus refused the query (bad_data): invalid parameter \"query\": 1:8: parse error: unexpected right parenthesis ')'", e.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "timeout", "query timed out in expression evaluation")]
    [InlineData(HttpStatusCode.InternalServerError, "internal", "something broke")]
    public async Task A_server_side_failure_names_the_server_and_may_be_asked_again(HttpStatusCode status, string type, string error)
    {
        var (client, _) = Answering($$"""{"status":"error","errorType":"{{type}}","error":"{{error}}"}""", status);

        var e = await Assert.ThrowsAsync<PrometheusException>(
            () => client.QueryAsync("http://prom:9090", "up", At, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.False(e.QueryRefused);
        Assert.Equal($"Prometheus at http://prom:9090 failed the query ({(int)status} {type}): {error}", e.Message);
    }

    [Fact]
    public async Task An_answer_that_is_not_from_Prometheus_says_what_came_instead()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body>502 Bad Gateway</body></html>", Encoding.UTF8, "text/html"),
        }));

        var e = await Assert.ThrowsAsync<PrometheusException>(() =>
            new PrometheusClient(new HttpClient(handler)).QueryAsync("http://prom:9090", "up", At, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.False(e.QueryRefused);
        Assert.Equal(
            "http://prom:9090/api/v1/query answered 502 BadGateway with no Prometheus response (<html><body>502 Bad Gateway</body></html>)", e.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_the_error()
    {
        // A port that was free a moment ago: nothing listens on it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<PrometheusException>(() =>
            new PrometheusClient(http).QueryAsync($"http://127.0.0.1:{port}", "up", At, TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.False(e.QueryRefused);
        Assert.StartsWith($"Prometheus at http://127.0.0.1:{port} cannot be reached: ", e.Message, StringComparison.Ordinal);
    }
}
