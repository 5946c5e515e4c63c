using LlmOperator.Api.V1Alpha1;

namespace LlmOperator.Api.Tests.V1Alpha1;

public class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    [Fact]
    public void A_new_condition_is_added_with_the_time_of_its_transition()
    {
        var conditions = new List<Condition>();

        var changed = Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.True, "Resolved", "all references resolve", 3, T0);

        Assert.True(changed);
        var ready = Assert.Single(conditions);
        Assert.Equal(ConditionStatus.True, ready.Status);
        Assert.Equal(T0.UtcDateTime, ready.LastTransitionTime);
        Assert.Equal(3, ready.ObservedGeneration);
        Assert.True(Conditions.IsTrue(conditions, ConditionTypes.Ready));
    }

    [Fact]
    public void The_transition_time_stays_when_only_reason_message_or_generation_change()
    {
        var conditions = new List<Condition>();
        Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.True, "Resolved", "one", 1, T0);

        var changed = Conditions.Set(conditions, ConditionTypes.Ready, ConditionStatus.True, "StillResolved", "two", 2, T1);

        Assert.True(changed);
        var ready = Assert.Single(conditions);
        Assert.Equal(T0.UtcDateTime, ready.LastTransitionTime);
        Assert.Equal(("StillResolved", "two", 2L), (ready.Reason, ready.Message, ready.ObservedGeneration!.Value));
    }

    [Fact]
    public void The_transition_time_moves_when_the_status_changes()
    {
        var conditions = new List<Condition>();
        Conditions.Set(conditions, ConditionTypes.Degraded, ConditionStatus.False, "Healthy", null, 1, T0);

        Conditions.Set(conditions, ConditionTypes.Degraded, ConditionStatus.True, "EvaluationFailed", "pass rate fell", 1, T1);

        Assert.Equal(T1.UtcDateTime, Conditions.Find(conditions, ConditionTypes.Degraded)!.LastTransitionTime);
    }

    [Fact]
    public void Setting_the_same_condition_again_changes_nothing()
    {
        var conditions = new List<Condition>();
        Conditions.Set(conditions, ConditionTypes.Paused, ConditionStatus.False, "Running", null, 4, T0);

        Assert.False(Conditions.Set(conditions, ConditionTypes.Paused, ConditionStatus.False, "Running", null, 4, T1));
        Assert.Equal(T0.UtcDateTime, conditions[0].LastTransitionTime);
    }

    [Fact]
    public void Other_conditions_are_left_alone_and_can_be_removed()
    {
        var conditions = new List<Condition>();
        Conditions.Set(conditions, ConditionTypes.Available, ConditionStatus.True, "Serving", null, 1, T0);
        Conditions.Set(conditions, ConditionTypes.Progressing, ConditionStatus.True, "Rolling", null, 1, T0);

        Assert.True(Conditions.Remove(conditions, ConditionTypes.Progressing));
        Assert.False(Conditions.Remove(conditions, ConditionTypes.Progressing));
        Assert.Equal(ConditionTypes.Available, Assert.Single(conditions).Type);
        Assert.False(Conditions.IsTrue(conditions, ConditionTypes.Progressing));
    }
}
