using k8s.Models;

namespace LlmOperator.Controllers.PromptVersions.Planning;

/// <summary>The ConfigMap to write for the version that serves, in one create or one update.</summary>
/// <param name="Version">The PromptVersion (object name) that serves: its reconcile writes the ConfigMap.</param>
/// <param name="ConfigMap">The ConfigMap as it must be: labels, annotations and prompt.json.</param>
/// <param name="ResourceVersion">The resourceVersion the update is pinned to, or null to create it.</param>
/// <param name="Why">Why it is written, for the event: for example "it held version 1".</param>
internal sealed record PromptPublication(string Version, V1ConfigMap ConfigMap, string? ResourceVersion, string Why);
