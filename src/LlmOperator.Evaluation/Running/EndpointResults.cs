namespace LlmOperator.Evaluation.Running;

/// <summary>Every case's result on one endpoint.</summary>
/// <param name="Role">candidate or baseline.</param>
/// <param name="Url">The endpoint's base URL.</param>
/// <param name="Model">The model requested.</param>
/// <param name="Cases">The results, in dataset order.</param>
public sealed record EndpointResults(string Role, string Url, string Model, IReadOnlyList<CaseResult> Cases);
