using System.Collections.Concurrent;
using System.Text.Json;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Kubernetes.Access;
using LlmOperator.Pipelines.Components;
using LlmOperator.Pipelines.Execution;
using LlmOperator.Templates;

namespace LlmOperator.Evaluation.Router;

/// <summary>
/// The prompts a served pipeline renders, read from the ConfigMaps prompt-NAME the operator publishes
/// (prompt.json, the active version), so that a promoted prompt serves without a new pipeline rollout.
/// Each is read again once it is older than the refresh time; while the API cannot be reached, the
/// last version read keeps serving.
/// </summary>
public sealed class PublishedPromptSource(IResourceClient<V1ConfigMap> configMaps, string ns, TimeSpan refresh, TimeProvider time) : IPromptSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<PromptTemplate?> GetAsync(string promptName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(promptName, out var cached) && now - cached.ReadAt < refresh)
        {
            return cached.Template;
        }

        V1ConfigMap? configMap;
        try
        {
            configMap = await configMaps.GetAsync(new ObjectKey(ns, $"prompt-{promptName}"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException && cached is not null)
        {
            return cached!.Template;
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            throw new PipelineExecutionException($"prompt {promptName} cannot be read: {e.Message}", e);
        }

        string? document = null;
        string? hash = null;
        _ = configMap?.Data?.TryGetValue("prompt.json", out document);
        _ = configMap?.Metadata?.Annotations?.TryGetValue("llmoperator.io/content-hash", out hash);
        hash ??= document;
        var template = document is null ? null
            : cached is not null && cached.Hash == hash ? cached.Template
            : Compile(promptName, document);
        _cache[promptName] = new Cached(template, hash, now);
        return template;
    }

    private static PromptTemplate Compile(string promptName, string document)
    {
        try
        {
            var spec = JsonSerializer.Deserialize<PromptVersionSpec>(document, Json)
                ?? throw new TemplateException($"prompt-{promptName} holds no prompt");
            return PromptTemplate.FromPromptVersion(spec);
        }
        catch (JsonException e)
        {
            throw new TemplateException($"prompt-{promptName} does not hold a prompt: {e.Message}");
        }
    }

    private sealed record Cached(PromptTemplate? Template, string? Hash, DateTimeOffset ReadAt);
}
