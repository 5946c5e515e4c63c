using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOperator.Evaluation.AdapterLoader;

/// <summary>
/// Fetches one adapter version into a directory. An https:// source is the URL of an archive of the adapter's
/// directory, downloaded to a file, then extracted. An hf://org/repo source at a revision is read through the Hugging
/// Face Hub's HTTP API as huggingface_hub does (hf_api.model_info and file_download.hf_hub_url):
/// GET {endpoint}/api/models/{repo}/revision/{revision} lists the files (siblings[].rfilename), each downloaded from
/// {endpoint}/{repo}/resolve/{revision}/{file}, with the token as a bearer token (HttpClient drops it on a redirect
/// to another host, such as the Hub's CDN). Everything is streamed to disk and counted against the size limit.
/// </summary>
internal sealed class AdapterFetcher(HttpClient http, AdapterLoaderOptions options)
{
    private const string HuggingFace = "hf://";

    /// <summary>
    /// Fetches <paramref name="request"/> into <paramref name="directory"/> (which exists and is empty), using the file
    /// <paramref name="scratch"/> for an archive.
    /// </summary>
    public async Task FetchAsync(AdapterFetchRequest request, string directory, string scratch, CancellationToken cancellationToken)
    {
        var budget = new ByteBudget(options.MaxBytes);
        if (request.Source.StartsWith(HuggingFace, StringComparison.Ordinal))
        {
            await FetchRepositoryAsync(request.Source[HuggingFace.Length..], request.Revision, directory, budget, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!Uri.TryCreate(request.Source, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new AdapterFetchException($"'{request.Source}' is neither an https:// URL nor hf://org/repo", refused: true);
        }

        // The archive counts against its own budget: extracted, the files count again.
        await DownloadAsync(url, scratch, new ByteBudget(options.MaxBytes), authorize: false, cancellationToken).ConfigureAwait(false);
        await AdapterArchive.ExtractAsync(scratch, directory, budget, cancellationToken).ConfigureAwait(false);
    }

    private async Task FetchRepositoryAsync(string repository, string? revision, string directory, ByteBudget budget, CancellationToken cancellationToken)
    {
        if (revision is null)
        {
            throw new AdapterFetchException("an hf:// source is fetched at a pinned revision: give the adapter a revision", refused: true);
        }

        var parts = repository.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p is "." or ".."))
        {
            throw new AdapterFetchException($"'{repository}' is not a Hugging Face repository id (org/repo)", refused: true);
        }

        var endpoint = options.HubEndpoint.TrimEnd('/');
        var repo = $"{Uri.EscapeDataString(parts[0])}/{Uri.EscapeDataString(parts[1])}";
        // huggingface_hub quotes the revision with no safe characters: a branch such as refs/pr/1 is one segment.
        var pinned = Uri.EscapeDataString(revision);
        var listing = new Uri($"{endpoint}/api/models/{repo}/revision/{pinned}");
        var files = await ListAsync(listing, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            var path = AdapterArchive.PathIn(directory, file);
            var escaped = string.Join('/', file.Split('/').Select(Uri.EscapeDataString));
            await DownloadAsync(new Uri($"{endpoint}/{repo}/resolve/{pinned}/{escaped}"), path, budget, authorize: true, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> ListAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, authorize: true, cancellationToken).ConfigureAwait(false);
        var budget = new ByteBudget(16L << 20);
        using var body = new MemoryStream();
        var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            await budget.CopyAsync(content, body, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var siblings = JsonNode.Parse(body.ToArray())?["siblings"] as JsonArray
                ?? throw new AdapterFetchException($"{url} answered no siblings list", refused: false);
            return [.. siblings.Select(s => s?["rfilename"]?.GetValue<string>()).OfType<string>()];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new AdapterFetchException($"{url} answered what is not the Hub's repository information: {e.Message}", refused: false, e);
        }
    }

    private async Task DownloadAsync(Uri url, string path, ByteBudget budget, bool authorize, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, authorize, cancellationToken).ConfigureAwait(false);
        var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            await AdapterArchive.WriteAsync(content, path, budget, cancellationToken).ConfigureAwait(false);
        }
    }

    // The answer's headers within the request timeout; a 4xx is a refusal (not found, not allowed), anything else a failure.
    private async Task<HttpResponseMessage> SendAsync(Uri url, bool authorize, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorize && !string.IsNullOrEmpty(options.HubToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.HubToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdapterFetchException($"{url} did not answer within {options.RequestTimeout.TotalSeconds:0} s", refused: false, e);
        }
        catch (HttpRequestException e)
        {
            throw new AdapterFetchException($"{url}: {e.Message}", refused: false, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var code = (int)response.StatusCode;
            var said = response.Headers.TryGetValues("X-Error-Message", out var messages) ? $" ({string.Join(' ', messages)})" : "";
            throw new AdapterFetchException(
                $"{url} answered {code} {response.StatusCode}{said}",
                refused: code is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests);
        }
    }
}
