using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Evaluation.Client;

/// <summary>An OpenAI-compatible endpoint and the model requested from it.</summary>
public sealed class ModelEndpoint
{
    /// <summary>Creates an endpoint; a base URL without a path gets the usual /v1.</summary>
    public ModelEndpoint(string baseUrl, string model, ApiKey? apiKey = null, ModelPricing? pricing = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        BaseUrl = NormalizeBaseUrl(baseUrl);
        Model = model;
        ApiKey = apiKey;
        Pricing = pricing;
    }

    /// <summary>
    /// The base URL, its path ending in a slash, for example http://127.0.0.1:8000/v1/; a query it had (Azure OpenAI's
    /// api-version) is kept and sent with every request.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>The model field of requests.</summary>
    public string Model { get; }

    /// <summary>The bearer key, if the endpoint needs one.</summary>
    public ApiKey? ApiKey { get; }

    /// <summary>Token prices, used when the server reports no cost.</summary>
    public ModelPricing? Pricing { get; }

    /// <summary>The endpoint as messages name it: the model at the URL (never the key).</summary>
    public override string ToString() => $"{Model} at {BaseUrl}";

    /// <summary>Checks and normalises a base URL: http or https, /v1 when no path is given, its query kept.</summary>
    public static Uri NormalizeBaseUrl(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"\"{baseUrl}\" is not an http or https URL", nameof(baseUrl));
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var builder = new UriBuilder(uri) { Path = (path.Length == 0 ? "/v1" : path) + "/", Fragment = "" };
        return builder.Uri;
    }

    /// <summary>An API path under a base URL, for example chat/completions, with the base URL's query.</summary>
    public static Uri Resolve(Uri baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new UriBuilder(baseUrl) { Path = baseUrl.AbsolutePath + path }.Uri;
    }
}
