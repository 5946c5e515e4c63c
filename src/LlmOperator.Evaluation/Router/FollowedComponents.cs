using System.Collections.Concurrent;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Evaluation.Client;
using LlmOperator.Evaluation.Running;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Serving;

namespace LlmOperator.Evaluation.Router;

/// <summary>
/// The components of a served pipeline, reached where they serve now: each starts at the endpoint its
/// revision's configuration names and, given the cluster's ModelDeployments, follows the component's
/// status.endpoint and status.servedModel, read again once older than the refresh time, so that a
/// hosted model's new URL (or the fallback it serves) reaches the pipeline without a new pipeline
/// rollout. While a component cannot be read, the last endpoint keeps serving. API keys come from the
/// environment variables the configuration names (the pod's env, from the component's Secret).
/// </summary>
public sealed class FollowedComponents : IComponentClient
{
    private readonly ConcurrentDictionary<string, Followed> _components;
    private readonly IResourceClient<ModelDeployment>? _models;
    private readonly string _namespace;
    private readonly ModelClientFactory _factory;
    private readonly ClientSettings _settings;
    private readonly TimeSpan _refresh;
    private readonly TimeProvider _time;

    /// <summary>Starts at what <paramref name="configuration"/> says; follows the components in <paramref name="models"/> when given.</summary>
    public FollowedComponents(
        RouterConfiguration configuration,
        IResourceClient<ModelDeployment>? models,
        ModelClientFactory factory,
        ClientSettings settings,
        TimeSpan refresh,
        TimeProvider time,
        Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        (_models, _namespace, _factory, _settings, _refresh, _time) = (models, configuration.Namespace, factory, settings, refresh, time);
        var now = time.GetUtcNow();
        _components = new(configuration.Components.ToDictionary(
            c => c.Key,
            c =>
            {
                var key = c.Value.ApiKeyVariable is { } variable && environment(variable) is { } value && !string.IsNullOrWhiteSpace(value)
                    ? new ApiKey(value)
                    : null;
                var endpoint = new ResolvedModel(c.Value.Url, c.Value.Model, key);
                return new Followed(endpoint, Connect(endpoint), now);
            },
            StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Where <paramref name="component"/> is reached now, or null for one the configuration does not name.</summary>
    public ResolvedModel? EndpointOf(string component) => _components.TryGetValue(component, out var followed) ? followed.Endpoint : null;

    /// <inheritdoc />
    public async Task<string> CompleteAsync(ComponentCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_components.TryGetValue(request.ModelRef, out var followed))
        {
            throw new ComponentCallException($"component {request.ModelRef} is not in the router's configuration");
        }

        if (_models is not null && _time.GetUtcNow() - followed.ReadAt >= _refresh)
        {
            followed = await FollowAsync(request.ModelRef, followed, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var completion = await followed.Client.CompleteAsync(request.Messages, request.Parameters, cancellationToken).ConfigureAwait(false);
            return completion.Content;
        }
        catch (ModelCallException e)
        {
            throw new ComponentCallException(e.Message, e);
        }
    }

    // One request reads the component again; the others meanwhile use what was read last.
    private async Task<Followed> FollowAsync(string name, Followed current, CancellationToken cancellationToken)
    {
        if (!current.Reading.Wait(0, CancellationToken.None))
        {
            return current;
        }

        try
        {
            var model = await _models!.GetAsync(new ObjectKey(_namespace, name), cancellationToken).ConfigureAwait(false);
            var next = current with { ReadAt = _time.GetUtcNow() };
            if (model?.Status?.Endpoint is { } url)
            {
                var served = model.Status.ServedModel ?? model.Spec.Model.ServedName ?? model.Spec.Model.Name;
                if (url != current.Endpoint.Url || served != current.Endpoint.Model)
                {
                    var endpoint = current.Endpoint with { Url = url, Model = served };
                    next = next with { Endpoint = endpoint, Client = Connect(endpoint) };
                }
            }

            _components[name] = next;
            return next;
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or ArgumentException)
        {
            // Not reachable now: the last endpoint serves, and the next refresh tries again.
            _components[name] = current with { ReadAt = _time.GetUtcNow() };
            return current;
        }
        finally
        {
            current.Reading.Release();
        }
    }

    private OpenAiClient Connect(ResolvedModel endpoint) => _factory.Create(new ModelEndpoint(endpoint.Url, endpoint.Model!, endpoint.ApiKey), _settings);

    // Reading is shared by the records that follow one another for a component, so that one read runs at a time.
    private sealed record Followed(ResolvedModel Endpoint, OpenAiClient Client, DateTimeOffset ReadAt)
    {
        public SemaphoreSlim Reading { get; init; } = new(1, 1);
    }
}
