using System.Net;
using System.Net.Http.Headers;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Tests.Client;

public class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = RetryPolicy.Default;

    [Theory]
    [InlineData(1, 0.0, 250)]
    [InlineData(1, 1.0, 500)]
    [InlineData(2, 0.5, 750)]
    [InlineData(3, 0.5, 1500)]
    public void Backoff_doubles_with_jitter_in_its_upper_half(int retry, double jitter, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Policy.DelayBeforeRetry(retry, null, jitter));

    [Fact]
    public void Backoff_is_capped_and_retries_end()
    {
        var many = Policy with { MaxRetries = 10 };

        Assert.Equal(TimeSpan.FromSeconds(20), many.DelayBeforeRetry(10, null, 1.0));
        Assert.Null(Policy.DelayBeforeRetry(4, null, 0.5));
    }

    [Fact]
    public void Retry_after_is_a_floor_and_too_long_a_wait_is_not_retried()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(7), 1.0));
        Assert.Equal(TimeSpan.FromMilliseconds(500), Policy.DelayBeforeRetry(1, TimeSpan.Zero, 1.0));
        Assert.Null(Policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(61), 0.5));
    }

    [Fact]
    public void Retry_after_reads_milliseconds_first_then_seconds_and_dates()
    {
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        static HttpResponseHeaders Headers(RetryConditionHeaderValue? retryAfter, string? milliseconds = null)
        {
            using var response = new HttpResponseMessage();
            response.Headers.RetryAfter = retryAfter;
            if (milliseconds is not null)
            {
                response.Headers.TryAddWithoutValidation("retry-after-ms", milliseconds);
            }

            return response.Headers;
        }

        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.ParseRetryAfter(Headers(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3))), now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryPolicy.ParseRetryAfter(Headers(new RetryConditionHeaderValue(now.AddSeconds(90))), now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter(Headers(new RetryConditionHeaderValue(now.AddSeconds(-5))), now));
        var both = Headers(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), "250.5");
        Assert.Equal(TimeSpan.FromMilliseconds(250.5), RetryPolicy.ParseRetryAfter(both, now));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.ParseRetryAfter(Headers(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), "soon"), now));
        Assert.Null(RetryPolicy.ParseRetryAfter(Headers(null), now));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Retryable_statuses(HttpStatusCode status, bool retryable) => Assert.Equal(retryable, RetryPolicy.IsRetryable(status));
}
