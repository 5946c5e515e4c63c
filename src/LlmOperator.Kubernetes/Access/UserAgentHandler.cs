using System.Net.Http.Headers;

namespace LlmOperator.Kubernetes.Access;

/// <summary>
/// Names the component behind every request (llmop-operator, llmop-eval, llmop), so that API server
/// audit logs, and the tests that check the operator's permissions against its calls, can tell them apart.
/// </summary>
public sealed class UserAgentHandler : DelegatingHandler
{
    private readonly ProductInfoHeaderValue _product;

    /// <summary>Sends <c>{component}/{version}</c> as the User-Agent.</summary>
    public UserAgentHandler(string component)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        _product = new ProductInfoHeaderValue(component, typeof(UserAgentHandler).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.Add(_product);
        return base.SendAsync(request, cancellationToken);
    }
}
