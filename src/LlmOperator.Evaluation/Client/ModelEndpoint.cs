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

    /// <summary>The base URL, ending in a slash, for example http://127.0.0.1:8000/v1/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The model field of requests.</summary>
    public string Model { get; }

    /// <summary>The bearer key, if the endpoint needs one.</summary>
    public ApiKey? ApiKey { get; }

    /// <summary>Token prices, used when the server reports no cost.</summary>
    public ModelPricing? Pricing { get; }

    /// <summary>The endpoint as messages name it: the model at the URL (never the key).</summary>
    public override string ToString() => $"{Model} at {BaseUrl}";

    /// <summary>Checks and normalises a base URL: http or https, and /v1 when no path is given.</summary>
    public static Uri NormalizeBaseUrl(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"\"{baseUrl}\" is not an http or https URL", nameof(baseUrl));
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var builder = new UriBuilder(uri) { Path = (path.Length == 0 ? "/v1" : path) + "/", Query = "", Fragment = "" };
        return builder.Uri;
    }
}
