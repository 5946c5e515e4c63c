using k8s.Models;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// A reusable quality policy: a dataset of cases, the assertions each answer must meet, the thresholds
/// a candidate must reach and how it is compared with what serves now.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = "EvaluationGate", PluralName = "evaluationgates")]
[ShortNames("egate")]
[PrinterColumn("Cases", "integer", ".status.caseCount")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class EvaluationGate : CustomResource<EvaluationGateSpec, EvaluationGateStatus>;
