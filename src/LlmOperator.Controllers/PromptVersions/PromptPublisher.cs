using System.Text.Json.Nodes;
using k8s.Models;
using LlmOperator.Controllers.PromptVersions.Planning;
using LlmOperator.Kubernetes.Access;
using Microsoft.Extensions.Logging;

namespace LlmOperator.Controllers.PromptVersions;

/// <summary>
/// Writes a prompt's ConfigMap in one request, so that an application never reads half of a version:
/// a create, or a merge patch of its labels, annotations and prompt.json pinned to the resourceVersion
/// the plan was made from (a <see cref="ConflictException"/> when it changed since). The ConfigMap has no
/// owner: deleting the version that serves (a Git revert) must not take the prompt away from applications.
/// </summary>
internal sealed partial class PromptPublisher(IResourceClient<V1ConfigMap> configMaps, ILogger<PromptPublisher> logger)
{
    /// <summary>Writes the ConfigMap of <paramref name="publication"/>.</summary>
    public async Task PublishAsync(PromptPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var configMap = publication.ConfigMap;
        var key = ObjectKey.Of(configMap);
        if (publication.ResourceVersion is { } resourceVersion)
        {
            await configMaps.PatchAsync(key, Patch(configMap, resourceVersion), cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await configMaps.CreateAsync(configMap, cancellationToken).ConfigureAwait(false);
        }
        catch (ConflictException)
        {
            // One exists that the cache does not show: just written and not seen yet, or made by someone
            // else without the operator's labels. The name belongs to the prompt, so it is written over.
            var existing = await configMaps.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                // Deleted meanwhile: the next reconcile creates it.
                throw;
            }

            LogTakenOver(logger, key);
            await configMaps.PatchAsync(key, Patch(configMap, existing.Metadata.ResourceVersion), cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonObject Patch(V1ConfigMap configMap, string resourceVersion) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["resourceVersion"] = resourceVersion,
            ["labels"] = Object(configMap.Metadata.Labels),
            ["annotations"] = Object(configMap.Metadata.Annotations),
        },
        ["data"] = Object(configMap.Data),
    };

    private static JsonObject Object(IDictionary<string, string> values) => new(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

    [LoggerMessage(Level = LogLevel.Information, Message = "ConfigMap {Key} existed without being seen by the operator; writing the prompt over it")]
    private static partial void LogTakenOver(ILogger logger, ObjectKey key);
}
