namespace LlmOperator.Evaluation.Reports.Html;

/// <summary>One endpoint's results as the run page shows them.</summary>
/// <param name="Role">candidate or baseline.</param>
/// <param name="Model">The model it served.</param>
/// <param name="Url">Its address.</param>
/// <param name="Cases">Its cases.</param>
public sealed record EndpointView(string Role, string? Model, string? Url, IReadOnlyList<CaseView> Cases);
