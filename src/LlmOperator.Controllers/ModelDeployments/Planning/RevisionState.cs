namespace LlmOperator.Controllers.ModelDeployments.Planning;

/// <summary>What is observed of one revision's Deployment.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Replicas">Its desired replicas.</param>
/// <param name="ReadyReplicas">Its ready replicas.</param>
internal sealed record RevisionState(string Revision, int Replicas, int ReadyReplicas);
