namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>A version a pod's adapter loader was fetching when last asked, which paces the next question.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="At">When the loader said it was fetching it.</param>
internal sealed record AdapterFetching(string Revision, DateTimeOffset At)
{
    /// <summary>How long after the loader said it was fetching it is asked again.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>When the loader is asked again.</summary>
    public DateTimeOffset AskAt => At + Poll;
}
