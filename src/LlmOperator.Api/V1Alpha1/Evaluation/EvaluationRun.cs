using k8s.Models;
using LlmOperator.Api.Markers;

namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// One execution of an EvaluationGate against a candidate, and the record of its verdict. Created by
/// the operator, owned by the ModelDeployment or PromptVersion it judges, run as a Job.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = "EvaluationRun", PluralName = "evaluationruns")]
[ShortNames("erun", "evalrun")]
[PrinterColumn("Target", "string", ".spec.target.name")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Verdict", "string", ".status.verdict")]
[PrinterColumn("PassRate", "number", ".status.summary.passRate")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class EvaluationRun : CustomResource<EvaluationRunSpec, EvaluationRunStatus>;
