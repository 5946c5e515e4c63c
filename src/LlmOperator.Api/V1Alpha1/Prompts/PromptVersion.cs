using k8s.Models;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// One immutable version of a named prompt. The highest version of a prompt is the desired one; it is
/// promoted only when its gates pass against the active version, then published to the ConfigMap
/// prompt-&lt;promptName&gt; that applications mount.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = "PromptVersion", PluralName = "promptversions")]
[ShortNames("pver")]
[PrinterColumn("Prompt", "string", ".spec.promptName")]
[PrinterColumn("Version", "integer", ".spec.version")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Verdict", "string", ".status.evaluation.verdict")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
[PrinterColumn("Message", "string", ".status.message", Priority = 1)]
public sealed class PromptVersion : CustomResource<PromptVersionSpec, PromptVersionStatus>;
