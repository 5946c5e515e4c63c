using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.Common;

public class DegradedConditionTests
{
    private static List<Condition> Degraded(ConditionStatus status, string reason, string message) =>
        [new Condition { Type = ConditionTypes.Degraded, Status = status, Reason = reason, Message = message }];

    [Fact]
    public void A_problem_is_known_only_when_the_condition_says_it_with_the_same_reason_and_message()
    {
        Assert.True(DegradedCondition.Says(Degraded(ConditionStatus.True, "GateNotFound", "no gate x"), "GateNotFound", "no gate x"));
        Assert.False(DegradedCondition.Says(Degraded(ConditionStatus.True, "GateNotFound", "no gate x"), "GateNotFound", "no gate y"));
        Assert.False(DegradedCondition.Says(Degraded(ConditionStatus.True, "GateNotFound", "no gate x"), "InvalidSchedule", "no gate x"));
        Assert.False(DegradedCondition.Says(Degraded(ConditionStatus.False, "GateNotFound", "no gate x"), "GateNotFound", "no gate x"));
        Assert.False(DegradedCondition.Says(null, "GateNotFound", "no gate x"));
    }
}
