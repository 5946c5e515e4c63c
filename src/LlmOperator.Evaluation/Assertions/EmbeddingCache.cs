using System.Collections.Concurrent;
using LlmOperator.Evaluation.Client;

namespace LlmOperator.Evaluation.Assertions;

/// <summary>
/// Embeddings of the values similar compares with: the same value is embedded once per model, not
/// once per case, endpoint and repeat. A failed embedding is not kept, so the next case tries again.
/// </summary>
internal sealed class EmbeddingCache
{
    private readonly ConcurrentDictionary<(ModelEndpoint, string), Lazy<Task<float[]>>> _embeddings = new();

    /// <summary>The embedding of a text by a client's model.</summary>
    public async Task<float[]> GetAsync(OpenAiClient client, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var key = (client.Endpoint, text);
        var entry = _embeddings.GetOrAdd(key, _ => new Lazy<Task<float[]>>(() => client.EmbedAsync(text, CancellationToken.None)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException)
        {
            _embeddings.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }
}
