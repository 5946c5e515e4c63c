using System.Collections.Concurrent;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Running;

/// <summary>
/// The embedders and judges of a run's assertions, each created once: a provider's url, a ModelDeployment
/// it names (found by <see cref="IModelReferenceResolver"/>), or the default grader when none is named.
/// </summary>
internal sealed class ModelProviders(
    ModelClientFactory factory,
    ClientSettings settings,
    IModelReferenceResolver resolver,
    ModelEndpointReference? defaultGrader) : IModelProviders
{
    private readonly ConcurrentDictionary<string, Lazy<Task<OpenAiClient>>> _clients = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<OpenAiClient> GetAsync(ModelEndpointReference? provider, CancellationToken cancellationToken)
    {
        var reference = provider ?? defaultGrader
            ?? throw new AssertionConfigurationException("no provider: set provider (modelRef or url) on the assertion, or give a default grader (--grader)");
        var key = $"{reference.ModelRef?.Name}|{reference.Url}|{reference.Model}|{reference.ApiKeySecretRef?.Name}/{reference.ApiKeySecretRef?.Key}";
        var entry = _clients.GetOrAdd(key, _ => new Lazy<Task<OpenAiClient>>(() => CreateAsync(reference, cancellationToken)));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ModelCallException or AssertionConfigurationException)
        {
            _clients.TryRemove(KeyValuePair.Create(key, entry));
            throw e as AssertionConfigurationException ?? new AssertionConfigurationException($"provider {Describe(reference)}: {e.Message}");
        }
    }

    private async Task<OpenAiClient> CreateAsync(ModelEndpointReference reference, CancellationToken cancellationToken)
    {
        var resolved = reference.ModelRef is { } modelRef
            ? await resolver.ResolveAsync(modelRef.Name, cancellationToken).ConfigureAwait(false)
            : new ResolvedModel(reference.Url ?? throw new AssertionConfigurationException("a provider needs modelRef or url"), null, null);
        var apiKey = reference.ApiKeySecretRef is { } secret
            ? await resolver.ReadSecretAsync(secret, cancellationToken).ConfigureAwait(false)
            : resolved.ApiKey;
        var model = reference.Model ?? resolved.Model
            ?? await factory.FirstModelAsync(resolved.Url, apiKey, settings.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return factory.Create(new ModelEndpoint(resolved.Url, model, apiKey), settings);
    }

    private static string Describe(ModelEndpointReference reference) =>
        reference.ModelRef is { } modelRef ? $"modelRef {modelRef.Name}" : reference.Url ?? "(none)";
}
