using System.Net;
using k8s.Models;
using LlmOperator.Kubernetes.Access;

namespace LlmOperator.Kubernetes.Tests.Access;

public class ApiErrorsTests
{
    [Theory]
    [InlineData(404, typeof(NotFoundException))]
    [InlineData(409, typeof(ConflictException))]
    [InlineData(410, typeof(GoneException))]
    [InlineData(422, typeof(InvalidException))]
    [InlineData(400, typeof(InvalidException))]
    [InlineData(429, typeof(TooManyRequestsException))]
    [InlineData(500, typeof(ServerErrorException))]
    [InlineData(503, typeof(ServerErrorException))]
    [InlineData(403, typeof(KubernetesApiException))]
    public void Each_status_code_becomes_its_typed_exception(int code, Type expected)
    {
        var error = ApiErrors.Create((HttpStatusCode)code, new V1Status { Message = "the message", Reason = "SomeReason" }, null, null);

        Assert.IsType(expected, error);
        Assert.Equal((HttpStatusCode)code, error.StatusCode);
        Assert.Equal("the message", error.Message);
        Assert.Equal("SomeReason", error.Reason);
    }

    [Fact]
    public void Retry_after_comes_from_the_header_else_from_the_status_details()
    {
        var fromHeader = ApiErrors.Create(
            HttpStatusCode.TooManyRequests, new V1Status { Details = new V1StatusDetails { RetryAfterSeconds = 9 } }, "3", null);
        var fromDetails = ApiErrors.Create(
            HttpStatusCode.TooManyRequests, new V1Status { Details = new V1StatusDetails { RetryAfterSeconds = 9 } }, null, null);
        var none = ApiErrors.Create(HttpStatusCode.InternalServerError, null, "soon", null);

        Assert.Equal(TimeSpan.FromSeconds(3), fromHeader.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(9), fromDetails.RetryAfter);
        Assert.Null(none.RetryAfter);
    }

    [Fact]
    public void A_watch_error_event_translates_like_an_http_error()
    {
        var error = ApiErrors.Translate(new k8s.KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));

        var gone = Assert.IsType<GoneException>(error);
        Assert.Equal("Expired", gone.Reason);
    }

    [Fact]
    public void Exceptions_without_an_api_answer_are_not_translated() =>
        Assert.Null(ApiErrors.Translate(new HttpRequestException("connection refused")));
}
