namespace LlmOperator.Api.V1Alpha1;

/// <summary>
/// Reads and writes the conditions of a status the way Kubernetes' meta.SetStatusCondition does: a
/// condition's lastTransitionTime moves only when its status changes, so watchers can tell how long
/// something has been true.
/// </summary>
public static class Conditions
{
    /// <summary>The condition of the given type, or null when the list has none.</summary>
    public static Condition? Find(IEnumerable<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>Whether the condition of the given type is present with status True.</summary>
    public static bool IsTrue(IEnumerable<Condition>? conditions, string type) => Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>
    /// Adds or updates the condition of <paramref name="update"/>'s type. Its lastTransitionTime is
    /// <paramref name="now"/> when the status changes (or the condition is new) and stays as it was
    /// otherwise. Returns whether anything in the list changed.
    /// </summary>
    public static bool Set(IList<Condition> conditions, Condition update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(update);
        var existing = Find(conditions, update.Type);
        if (existing is null)
        {
            conditions.Add(new Condition
            {
                Type = update.Type,
                Status = update.Status,
                Reason = update.Reason,
                Message = update.Message,
                ObservedGeneration = update.ObservedGeneration,
                LastTransitionTime = now.UtcDateTime,
            });
            return true;
        }

        var changed = false;
        if (existing.Status != update.Status)
        {
            existing.Status = update.Status;
            existing.LastTransitionTime = now.UtcDateTime;
            changed = true;
        }

        changed |= !string.Equals(existing.Reason, update.Reason, StringComparison.Ordinal)
            || !string.Equals(existing.Message, update.Message, StringComparison.Ordinal)
            || existing.ObservedGeneration != update.ObservedGeneration;
        existing.Reason = update.Reason;
        existing.Message = update.Message;
        existing.ObservedGeneration = update.ObservedGeneration;
        return changed;
    }

    /// <summary>
    /// Sets a condition from its parts, with the generation of the object it was computed from.
    /// Returns whether anything in the list changed.
    /// </summary>
    public static bool Set(
        IList<Condition> conditions, string type, ConditionStatus status, string reason, string? message,
        long? observedGeneration, DateTimeOffset now) =>
        Set(conditions, new Condition { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = observedGeneration }, now);

    /// <summary>Removes the condition of the given type; returns whether there was one.</summary>
    public static bool Remove(IList<Condition> conditions, string type)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var existing = Find(conditions, type);
        return existing is not null && conditions.Remove(existing);
    }
}
