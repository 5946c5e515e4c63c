using System.Globalization;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>
/// Whether the ConfigMap prompt-&lt;promptName&gt; must be written: it must hold the version that serves,
/// on its model's current endpoint. It is written when it is missing, holds another version or content
/// (a promotion, a re-activation, a hand edit), or its model's endpoint or served name changed; never
/// for a candidate, and never deleted: with nothing serving it keeps what it holds.
/// </summary>
internal static class Publication
{
    public static PromptPublication? For(PromptPlanBuilder plan, VersionState? serving)
    {
        if (serving is null)
        {
            return null;
        }

        var model = plan.Inputs.Models.GetValueOrDefault(serving.Spec.ModelRef.Name);
        var hash = serving.Status.ContentHash!;
        var version = serving.Version.ToString(CultureInfo.InvariantCulture);
        var document = PromptDocument.Render(serving.Spec, hash, model);
        var published = plan.Inputs.Published;
        var held = Value(published?.Metadata.Annotations, WellKnownLabels.PromptVersion);
        var why = published is null ? "it did not exist"
            : held != version ? $"it held version {held ?? "none"}"
            : Value(published.Metadata.Annotations, PromptVersionNames.ContentHashAnnotation) != hash ? "it held other content"
            // Without a model endpoint to publish, the one published stays: better a last known endpoint than none.
            : model?.Status?.Endpoint is not null && Value(published.Data, PromptVersionNames.DocumentKey) != document
                ? "its content or model endpoint differed"
            : null;
        if (why is null)
        {
            return null;
        }

        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = plan.ConfigMap,
                NamespaceProperty = plan.Namespace,
                Labels = PromptVersionNames.PublishedLabels(plan.PromptName),
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [WellKnownLabels.PromptVersion] = version,
                    [PromptVersionNames.ContentHashAnnotation] = hash,
                },
            },
            Data = new Dictionary<string, string>(StringComparer.Ordinal) { [PromptVersionNames.DocumentKey] = document },
        };
        return new PromptPublication(serving.Name, configMap, published?.Metadata.ResourceVersion, why);
    }

    private static string? Value(IDictionary<string, string>? values, string key) =>
        values is not null && values.TryGetValue(key, out var value) ? value : null;
}
