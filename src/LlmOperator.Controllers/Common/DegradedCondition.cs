using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Controllers.Common;

/// <summary>
/// The one rule for warning about a problem someone must fix: a warning event is recorded when the
/// object's Degraded condition does not already say it (the same reason and message), so a problem is
/// announced once however often it is planned, and again when it changes.
/// </summary>
internal static class DegradedCondition
{
    /// <summary>
    /// Whether <paramref name="conditions"/> already say the object is Degraded for <paramref name="reason"/> with
    /// <paramref name="message"/>.
    /// </summary>
    public static bool Says(IEnumerable<Condition>? conditions, string reason, string message) =>
        Conditions.Find(conditions, ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded
            && degraded.Reason == reason
            && degraded.Message == message;
}
