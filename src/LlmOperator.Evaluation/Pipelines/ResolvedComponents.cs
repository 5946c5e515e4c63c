using System.Collections.Concurrent;
using LlmOperator.Evaluation.Assertions;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;
using LlmOperator.Pipelines.Components;

namespace LlmOperator.Evaluation.Pipelines;

/// <summary>
/// The components of a pipeline under evaluation, each reached at the endpoint an override names or else
/// where the run's sources resolve the ModelDeployment (its Service in a cluster). Each component gets
/// one client, made on its first call.
/// </summary>
public sealed class ResolvedComponents(
    IModelReferenceResolver resolver,
    IReadOnlyDictionary<string, ResolvedModel> overrides,
    ModelClientFactory factory,
    ClientSettings settings) : IComponentClient
{
    private readonly ConcurrentDictionary<string, ResolvedModel> _resolved = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<OpenAiClient>>> _clients = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds every component before the run starts, so that a name no source knows stops the run with
    /// one clear message instead of failing each case. Whether each one answers is left to the cases.
    /// </summary>
    public async Task ResolveAsync(IEnumerable<string> modelRefs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modelRefs);
        var problems = new List<string>();
        foreach (var name in modelRefs.Where(m => !overrides.ContainsKey(m)))
        {
            try
            {
                _resolved[name] = await resolver.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (AssertionConfigurationException e)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new EvaluationConfigurationException(string.Join("; ", problems));
        }
    }

    /// <inheritdoc />
    public async Task<string> CompleteAsync(ComponentCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await _clients.GetOrAdd(request.ModelRef, name => new Lazy<Task<OpenAiClient>>(() => ConnectAsync(name))).Value.ConfigureAwait(false);
        try
        {
            var completion = await client.CompleteAsync(request.Messages, request.Parameters, cancellationToken).ConfigureAwait(false);
            return completion.Content;
        }
        catch (ModelCallException e)
        {
            throw new ComponentCallException(e.Message, e);
        }
    }

    // Shared by every request, so no one request's cancellation ends it; the model listing has its own timeout.
    private async Task<OpenAiClient> ConnectAsync(string name)
    {
        try
        {
            var resolved = overrides.TryGetValue(name, out var known) || _resolved.TryGetValue(name, out known)
                ? known
                : throw new ModelCallException($"component {name} was not resolved before it was called", 0);
            var model = resolved.Model
                ?? await factory.FirstModelAsync(resolved.Url, resolved.ApiKey, settings.RequestTimeout, CancellationToken.None).ConfigureAwait(false);
            return factory.Create(new ModelEndpoint(resolved.Url, model, resolved.ApiKey), settings);
        }
        catch (Exception e) when (e is ModelCallException or ArgumentException)
        {
            // Not kept as a failure: the next request tries again, as a component may come up meanwhile.
            _clients.TryRemove(name, out _);
            throw new ComponentCallException($"component {name} cannot be reached: {e.Message}", e);
        }
    }
}
