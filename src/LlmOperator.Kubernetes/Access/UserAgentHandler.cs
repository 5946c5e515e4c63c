using System.Net.Http.Headers;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// Names the component behind every request (llmop-operator, llmop-eval, llmop), so that API server
/// audit logs, and the tests that check the operator's permissions against its calls, can tell them apart.
/// A replica under leader election adds its identity, so that the log also tells replicas apart: which
/// one wrote, and whether two ever wrote in the same term.
/// </summary>
internal sealed class UserAgentHandler : DelegatingHandler
{
    private readonly ProductInfoHeaderValue[] _products;

    /// <summary>Sends <c>{component}/{version}</c>, then <c>({identity})</c> when there is one, as the User-Agent.</summary>
    public UserAgentHandler(string component, string? identity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        var product = new ProductInfoHeaderValue(component, typeof(UserAgentHandler).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        _products = string.IsNullOrWhiteSpace(identity) ? [product] : [product, new ProductInfoHeaderValue($"({Comment(identity)})")];
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.UserAgent.Clear();
        foreach (var product in _products)
        {
            request.Headers.UserAgent.Add(product);
        }

        return base.SendAsync(request, cancellationToken);
    }

    // A comment may not hold parentheses, backslashes or control characters; an identity is a free string.
    private static string Comment(string identity) =>
        new([.. identity.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':' or '/' ? c : '_')]);
}
