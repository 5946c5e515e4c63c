using k8s.Models;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// An LLM served behind an OpenAI-compatible endpoint, released progressively: every change of model,
/// server or settings goes through the rollout steps and their evaluation gates, and is rolled back
/// automatically when it regresses.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = "ModelDeployment", PluralName = "modeldeployments")]
[ShortNames("md", "mdeploy")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Stable", "string", ".status.stableRevision")]
[PrinterColumn("Canary", "string", ".status.canaryRevision")]
[PrinterColumn("Weight", "integer", ".status.canaryWeight")]
[PrinterColumn("Step", "integer", ".status.currentStepIndex")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class ModelDeployment : CustomResource<ModelDeploymentSpec, ModelDeploymentStatus>;
