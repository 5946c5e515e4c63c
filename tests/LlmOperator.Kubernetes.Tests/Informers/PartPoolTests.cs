using k8s.Models;
using LlmOperator.Kubernetes.Informers;

namespace LlmOperator.Kubernetes.Tests.Informers;

public class PartPoolTests
{
    [Fact]
    public void Equal_parts_become_one_instance_and_a_part_that_differs_in_any_field_keeps_its_own()
    {
        var first = PartPool.Share(new V1DeploymentStatus { Replicas = 7, ReadyReplicas = 7, ObservedGeneration = 3 });
        var equal = PartPool.Share(new V1DeploymentStatus { Replicas = 7, ReadyReplicas = 7, ObservedGeneration = 3 });
        var otherGeneration = PartPool.Share(new V1DeploymentStatus { Replicas = 7, ReadyReplicas = 7, ObservedGeneration = 4 });

        Assert.Same(first, equal);
        Assert.NotSame(first, otherGeneration);
        Assert.Equal(4, otherGeneration!.ObservedGeneration);
        Assert.Null(PartPool.Share<V1DeploymentStatus>(null));
    }

    [Fact]
    public void Parts_of_different_types_are_never_shared_even_when_their_json_is_the_same()
    {
        var spec = PartPool.Share(new V1DeploymentSpec());
        var status = PartPool.Share(new V1DeploymentStatus());

        Assert.IsType<V1DeploymentSpec>(spec);
        Assert.IsType<V1DeploymentStatus>(status);
        Assert.Same(status, PartPool.Share(new V1DeploymentStatus()));
    }

    [Fact]
    public void Lists_are_compared_item_by_item_in_order()
    {
        IList<V1ServicePort> Ports(params int[] ports) => [.. ports.Select(p => new V1ServicePort { Name = $"p{p}", Port = p })];

        var shared = PartPool.Share(Ports(8101, 8102));

        Assert.Same(shared, PartPool.Share(Ports(8101, 8102)));
        Assert.NotSame(shared, PartPool.Share(Ports(8102, 8101)));
        Assert.NotSame(shared, PartPool.Share(Ports(8101)));
    }
}
