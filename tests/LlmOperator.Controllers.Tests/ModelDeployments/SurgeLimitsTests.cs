using LlmOperator.Api.V1Alpha1;
using LlmOperator.Controllers.ModelDeployments.Planning;

namespace LlmOperator.Controllers.Tests.ModelDeployments;

public class SurgeLimitsTests
{
    private static SurgeLimits Of(int replicas, string? maxSurge, string? maxUnavailable) => SurgeLimits.Of(new ModelDeploymentSpec
    {
        Model = new ModelSource { Name = "m" },
        Replicas = replicas,
        Rollout = new RolloutStrategy { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable },
    });

    [Theory]
    [InlineData(3, null, null, 3, 0)]
    [InlineData(3, "100%", "0", 3, 0)]
    [InlineData(3, "1", null, 1, 0)]
    [InlineData(3, "25%", "25%", 1, 0)]
    [InlineData(10, "10%", "10%", 1, 1)]
    [InlineData(4, "0", "50%", 0, 2)]
    [InlineData(3, "0%", "25%", 0, 1)]
    [InlineData(2, "many", null, 2, 0)]
    public void Percentages_round_surge_up_and_unavailable_down_as_a_deployment_does(
        int replicas, string? maxSurge, string? maxUnavailable, int surge, int unavailable)
    {
        Assert.Equal(new SurgeLimits(replicas, surge, unavailable), Of(replicas, maxSurge, maxUnavailable));
    }

    [Fact]
    public void A_canary_asking_for_more_than_the_limits_leave_room_for_gets_what_they_leave()
    {
        // 5 canary replicas asked of a 2-replica model with 100% surge: at most 4 pods, and the stable revision keeps one.
        var limits = Of(2, null, null);

        Assert.Equal(new RevisionScale(2, 2, 3), limits.Toward(2, 5, 0, canaryServes: true));
        Assert.Equal(new RevisionScale(1, 3, 3), limits.Toward(2, 5, 3, canaryServes: true));
        // Before it takes traffic its ready replicas are no capacity: the stable revision keeps all of its own.
        Assert.Equal(new RevisionScale(2, 2, 2), limits.Toward(2, 5, 2, canaryServes: false));
    }
}
