using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace LlmOperator.Kubernetes.Access;

/// <summary>Turns KubernetesClient's exceptions into the typed <see cref="KubernetesApiException"/>s a controller acts on.</summary>
internal static class ApiErrors
{
    /// <summary>
    /// The typed exception for an API answer carried by <paramref name="exception"/>: an HTTP error
    /// (<see cref="HttpOperationException"/>) or a watch ERROR event (<see cref="KubernetesException"/>).
    /// Null when it carries no API answer (a network failure, a cancellation).
    /// </summary>
    public static KubernetesApiException? Translate(Exception exception) => exception switch
    {
        KubernetesApiException typed => typed,
        HttpOperationException { Response: { } response } =>
            Create((HttpStatusCode)response.StatusCode, ParseStatus(response.Content), RetryAfterHeader(response.Headers), exception),
        KubernetesException { Status: { } status } => Create((HttpStatusCode)(status.Code ?? 500), status, null, exception),
        _ => null,
    };

    /// <summary>The typed exception for a status code, the Status body (if any) and a Retry-After header value (if any).</summary>
    public static KubernetesApiException Create(HttpStatusCode code, V1Status? status, string? retryAfter, Exception? inner)
    {
        var message = status?.Message is { Length: > 0 } text ? text : $"The Kubernetes API answered {(int)code} {code}.";
        var wait = ParseRetryAfter(retryAfter) ?? (status?.Details?.RetryAfterSeconds is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null);
        KubernetesApiException error = code switch
        {
            HttpStatusCode.NotFound => new NotFoundException(message, inner),
            HttpStatusCode.Conflict => new ConflictException(message, inner),
            HttpStatusCode.Gone => new GoneException(message, inner),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => new InvalidException(message, inner),
            HttpStatusCode.TooManyRequests => new TooManyRequestsException(message, inner),
            >= HttpStatusCode.InternalServerError => new ServerErrorException(message, inner),
            _ => new KubernetesApiException(message, inner),
        };
        error.StatusCode = code;
        error.Reason = status?.Reason;
        error.RetryAfter = wait;
        return error;
    }

    /// <summary>Parses a Retry-After value in seconds (the form the API server sends); null when absent or not seconds.</summary>
    public static TimeSpan? ParseRetryAfter(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;

    private static V1Status? ParseStatus(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(content);
        }
        catch (JsonException)
        {
            // Not every refusal is a Status (a proxy in between may answer text).
            return null;
        }
    }

    private static string? RetryAfterHeader(IDictionary<string, IEnumerable<string>>? headers) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
