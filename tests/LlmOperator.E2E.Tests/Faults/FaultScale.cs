namespace LlmOperator.E2E.Tests.Faults;

/// <summary>
/// How big the fault suite runs. By default small enough for make test on a two-core machine; with
/// LLMOP_LONG_TESTS=1 at the sizes issue 9 names (50 rollouts under dropped watches, 20 kills, ...).
/// </summary>
public static class FaultScale
{
    /// <summary>Whether LLMOP_LONG_TESTS=1 asks for the long variants.</summary>
    public static bool LongRuns => Environment.GetEnvironmentVariable("LLMOP_LONG_TESTS") == "1";

    /// <summary><paramref name="quick"/> by default, <paramref name="full"/> for the long variants.</summary>
    public static int Pick(int quick, int full) => LongRuns ? full : quick;
}
