using System.Net;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Tests.Client;

/// <summary>The error bodies engines really send, as their servers write them.</summary>
public sealed class ModelErrorTests
{
    [Theory]
    // OpenAI (and vLLM 0.6+, llama.cpp server): an error object.
    [InlineData("""{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""",
        "You exceeded your current quota", "insufficient_quota", "insufficient_quota")]
    // llama.cpp server while the model loads: the code is a number.
    [InlineData("""{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""", "Loading model", "unavailable_error", "503")]
    // TGI (router/src/server.rs ErrorResponse): a string and an error_type.
    [InlineData("""{"error":"Input validation error: `inputs` must have less than 4096 tokens","error_type":"validation"}""",
        "Input validation error: `inputs` must have less than 4096 tokens", "validation", null)]
    [InlineData("""{"error":"Model is overloaded","error_type":"overloaded"}""", "Model is overloaded", "overloaded", null)]
    // Ollama: a string only.
    [InlineData("""{"error":"model \"llama3\" not found, try pulling it first"}""", "model \"llama3\" not found, try pulling it first", null, null)]
    // vLLM before 0.6 (ErrorResponse): flat.
    [InlineData("""{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404}""",
        "The model `x` does not exist.", "NotFoundError", "404")]
    public void Every_engine_s_error_shape_is_read(string body, string message, string? type, string? code)
    {
        Assert.Equal(new ModelError(message, type, code), ModelError.Parse(body));
    }

    [Fact]
    public void A_body_in_no_known_shape_is_its_own_message()
    {
        Assert.Equal(new ModelError("upstream connect error", null, null), ModelError.Parse("upstream connect error\n"));
        Assert.Equal("{\"detail\":\"Not Found\"}", ModelError.Parse("{\"detail\":\"Not Found\"}").Message);
        Assert.Equal(203, ModelError.Parse(new string('x', 300)).Message.Length);
    }

    [Theory]
    [InlineData("""{"error":{"message":"quota","type":"insufficient_quota","code":"insufficient_quota"}}""", HttpStatusCode.TooManyRequests, false)]
    [InlineData("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", HttpStatusCode.TooManyRequests, true)]
    [InlineData("""{"error":"Model is overloaded","error_type":"overloaded"}""", HttpStatusCode.TooManyRequests, true)]
    [InlineData("""{"error":"Input validation error","error_type":"validation"}""", HttpStatusCode.UnprocessableEntity, false)]
    [InlineData("""{"error":"Request failed during generation","error_type":"generation"}""", HttpStatusCode.FailedDependency, false)]
    [InlineData("""{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""", HttpStatusCode.ServiceUnavailable, true)]
    public void Statuses_are_retried_except_an_exhausted_quota(string body, HttpStatusCode status, bool retryable)
    {
        Assert.Equal(retryable, ModelError.Parse(body).IsRetryable(status));
    }

    [Theory]
    [InlineData("""{"error":"Model is overloaded","error_type":"overloaded"}""", true)]
    [InlineData("""{"error":{"message":"server had an error","type":"server_error"}}""", true)]
    [InlineData("""{"error":"Request failed during generation: CUDA out of memory","error_type":"generation"}""", false)]
    [InlineData("""{"error":{"message":"bad request","type":"invalid_request_error"}}""", false)]
    public void Errors_inside_a_stream_are_retried_when_their_type_is_transient(string body, bool retryable)
    {
        Assert.Equal(retryable, ModelError.Parse(body).IsRetryable(status: null));
    }
}
