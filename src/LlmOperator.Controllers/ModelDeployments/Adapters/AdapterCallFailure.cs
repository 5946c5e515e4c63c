namespace LlmOperator.Controllers.ModelDeployments.Adapters;

/// <summary>A call to a pod's engine that failed, and how many times in a row it did, to pace the next attempt.</summary>
/// <param name="Revision">The revision being loaded, or null for an unload.</param>
/// <param name="Reason">Why, in one word: see <see cref="AdapterCallOutcome"/>.</param>
/// <param name="Message">What the engine (or the network) said.</param>
/// <param name="Attempts">How many attempts in a row failed.</param>
/// <param name="At">When the last one failed.</param>
internal sealed record AdapterCallFailure(string? Revision, string Reason, string Message, int Attempts, DateTimeOffset At)
{
    /// <summary>How many refusals of a candidate's load abort its rollout: the server will not load that version.</summary>
    public const int RefusalsToAbort = 3;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(5);

    /// <summary>When the same call may be tried again: 5 s after the first failure, doubling up to 5 minutes.</summary>
    public DateTimeOffset RetryAt => At + TimeSpan.FromTicks(Math.Min(LongestDelay.Ticks, FirstDelay.Ticks << Math.Min(Attempts - 1, 16)));

    /// <summary>Whether the engine refused the version itself (not the network or the server failing).</summary>
    public bool IsRefusal => Reason == AdapterCallOutcome.Refused;
}
