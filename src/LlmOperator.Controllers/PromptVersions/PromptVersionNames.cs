using System.Globalization;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.PromptVersions;

/// <summary>The names, labels and annotations of what the operator creates for a prompt's versions.</summary>
internal static class PromptVersionNames
{
    /// <summary>The annotation of the published ConfigMap holding the content hash of the version it holds.</summary>
    public const string ContentHashAnnotation = "llmoperator.io/content-hash";

    /// <summary>The key of the published ConfigMap that holds the prompt.</summary>
    public const string DocumentKey = "prompt.json";

    /// <summary>The purpose label of a run that judges a prompt version.</summary>
    public const string RunPurpose = "prompt";

    /// <summary>
    /// The label selector of the ConfigMaps the operator publishes: the controller watches and caches only
    /// these, not every ConfigMap of the cluster.
    /// </summary>
    public const string PublishedSelector = WellKnownLabels.ManagedBy + "=" + WellKnownLabels.ManagedByOperator + "," + WellKnownLabels.Prompt;

    /// <summary>The ConfigMap a prompt is published to.</summary>
    public static string ConfigMap(string promptName) => $"prompt-{promptName}";

    /// <summary>
    /// The run of a gate judging a PromptVersion (by its object name, so that a duplicate that comes to
    /// count never meets the runs of the object it duplicated) against the version that serves (none for a
    /// first version): when what serves changes before the verdict, the run is made again against it.
    /// </summary>
    public static string Run(string version, string gate, int? baselineVersion) =>
        RunNames.Fit($"{version}-{gate}" + (baselineVersion is { } baseline ? $"-vs{baseline}" : ""));

    /// <summary>The labels of a run judging a version.</summary>
    public static Dictionary<string, string> RunLabels(string promptName, int version) => new(StringComparer.Ordinal)
    {
        [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator,
        [WellKnownLabels.Prompt] = promptName,
        [WellKnownLabels.PromptVersion] = version.ToString(CultureInfo.InvariantCulture),
        [WellKnownLabels.Purpose] = RunPurpose,
    };

    /// <summary>The labels of a published ConfigMap.</summary>
    public static Dictionary<string, string> PublishedLabels(string promptName) => new(StringComparer.Ordinal)
    {
        [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByOperator,
        [WellKnownLabels.Prompt] = promptName,
    };
}
