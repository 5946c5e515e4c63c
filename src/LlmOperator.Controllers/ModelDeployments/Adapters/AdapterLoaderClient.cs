using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>
/// The llmop adapter-loader of one pod: PUT /adapters/{version} {source, revision} answers 200 {path} once the version is
/// on disk, 202 while it is fetched, 422 {message} when the loader refuses what the source holds (not found, not an
/// adapter, too large, unsafe) and 502 {message} when the source failed; DELETE /adapters/{version} removes it. Every
/// answer, and no answer, becomes an <see cref="AdapterFetchOutcome"/>: nothing is thrown but the caller's cancellation.
/// </summary>
internal sealed class AdapterLoaderClient(HttpMessageHandler handler) : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = new(handler) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Asks the loader at <paramref name="loader"/> for <paramref name="revision"/> of the adapter, fetched from <paramref name="fetch"/>.</summary>
    public async Task<AdapterFetchOutcome> RequestAsync(Uri loader, string revision, AdapterFetch fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var url = new Uri(loader, $"/adapters/{revision}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CallTimeout);
        try
        {
            using var response = await _http.PutAsJsonAsync(url, new JsonObject { ["source"] = fetch.Source, ["revision"] = fetch.Revision }, deadline.Token)
                .ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            var said = Field(text, "path") ?? Field(text, "message") ?? text.Trim();
            return response.StatusCode switch
            {
                HttpStatusCode.OK when Field(text, "path") is { } path => AdapterFetchOutcome.Fetched(path),
                HttpStatusCode.Accepted => AdapterFetchOutcome.Fetching,
                HttpStatusCode.UnprocessableEntity => new(null, new AdapterCallOutcome(AdapterCallOutcome.Refused, $"adapter loader: {said}")),
                _ => new(null, new AdapterCallOutcome(AdapterCallOutcome.FetchFailed, $"adapter loader: {(int)response.StatusCode} {said}")),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, new AdapterCallOutcome(AdapterCallOutcome.Unreachable, $"{url} did not answer within {CallTimeout.TotalSeconds:0} s"));
        }
        catch (HttpRequestException e)
        {
            return new(null, new AdapterCallOutcome(AdapterCallOutcome.Unreachable, $"{url}: {e.Message}"));
        }
    }

    /// <summary>Asks the loader to delete <paramref name="revision"/>; the answer, or why there is none, for the log.</summary>
    public async Task<string> DeleteAsync(Uri loader, string revision, CancellationToken cancellationToken)
    {
        var url = new Uri(loader, $"/adapters/{revision}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CallTimeout);
        try
        {
            using var response = await _http.DeleteAsync(url, deadline.Token).ConfigureAwait(false);
            return $"{(int)response.StatusCode} {response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {CallTimeout.TotalSeconds:0} s";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string? Field(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject body && body[name] is JsonValue value && value.TryGetValue<string>(out var said) ? said : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
