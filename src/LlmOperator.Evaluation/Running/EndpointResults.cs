namespace LlmOperator.Evaluation.Running;

/// <summary>Every case's result on one endpoint.</summary>
/// <param name="Role">candidate, baseline, or release (results kept from the run that released a revision).</param>
/// <param name="Url">The endpoint's base URL.</param>
/// <param name="Model">The model requested.</param>
/// <param name="Cases">The results, in dataset order.</param>
public sealed record EndpointResults(string Role, string Url, string Model, IReadOnlyList<CaseResult> Cases)
{
    /// <summary>The role of results kept from the run that released a revision, rather than answered by a baseline endpoint.</summary>
    public const string ReleaseRole = "release";
}
