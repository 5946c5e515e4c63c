using k8s.Models;
using LlmOperator.Controllers.Common;

namespace LlmOperator.Controllers.Tests.Common;

public class CachedObjectsTests
{
    [Fact]
    public void A_cached_deployment_keeps_what_the_rollout_reads_and_nothing_else()
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta
            {
                Name = "chat-abc",
                NamespaceProperty = "team",
                Labels = new Dictionary<string, string> { ["llmoperator.io/revision"] = "abc" },
                Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = "1" },
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = "llmoperator.io/v1alpha1", Kind = "ModelDeployment", Name = "chat", Uid = "uid-1", Controller = true },
                ],
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "chat" } },
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "server", Image = "vllm" }] } },
                Strategy = new V1DeploymentStrategy { Type = "RollingUpdate" },
            },
            Status = new V1DeploymentStatus
            {
                Replicas = 3,
                ReadyReplicas = 2,
                ObservedGeneration = 4,
                Conditions = [new V1DeploymentCondition { Status = "True", Type = "Available", Message = "Deployment has minimum availability." }],
            },
        };

        CachedObjects.Deployment(deployment);

        Assert.Equal(
            ("chat-abc", "team", "abc"),
            (deployment.Metadata.Name, deployment.Metadata.NamespaceProperty, deployment.Metadata.Labels["llmoperator.io/revision"]));
        Assert.Equal("uid-1", Assert.Single(deployment.Metadata.OwnerReferences).Uid);
        Assert.Equal((3, 2), (deployment.Spec.Replicas, deployment.Status.ReadyReplicas));
        Assert.Null(deployment.Metadata.Annotations);
        Assert.Null(deployment.Spec.Template);
        Assert.Null(deployment.Spec.Selector);
        Assert.Null(deployment.Spec.Strategy);
        Assert.Null(deployment.Status.Conditions);
    }

    [Fact]
    public void A_cached_service_keeps_its_selector_and_ports_and_drops_its_addresses_and_status()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "chat", NamespaceProperty = "team" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "chat" },
                Ports = [new V1ServicePort { Port = 8000, Name = "http", Protocol = "TCP" }],
                ClusterIP = "10.0.0.7",
                ClusterIPs = ["10.0.0.7"],
                IpFamilies = ["IPv4"],
                Type = "ClusterIP",
            },
            Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus() },
        };

        CachedObjects.Service(service);

        Assert.Equal("chat", service.Spec.Selector["app"]);
        Assert.Equal(("http", 8000), (Assert.Single(service.Spec.Ports).Name, service.Spec.Ports[0].Port));
        Assert.Equal(("10.0.0.7", "ClusterIP"), (service.Spec.ClusterIP, service.Spec.Type));
        Assert.Null(service.Spec.ClusterIPs);
        Assert.Null(service.Spec.IpFamilies);
        Assert.Null(service.Status);
    }
}
