using k8s;
using k8s.Models;
using LlmOperator.Api.V1Alpha1;
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
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Null(service.Spec.ClusterIP);
        Assert.Null(service.Spec.ClusterIPs);
        Assert.Null(service.Spec.IpFamilies);
        Assert.Null(service.Status);
    }

    [Fact]
    public void Cached_models_share_the_strings_they_repeat_and_keep_their_values()
    {
        // Read from JSON, as the informers do, so that each model holds its own copy of every string.
        const string Json = """
            {"apiVersion": "llmoperator.io/v1alpha1", "kind": "ModelDeployment", "metadata": {"name": "chat", "namespace": "team"},
             "spec": {"model": {"name": "chat-small", "revision": "r1", "servedName": "chat"}, "image": "vllm:0.6", "args": ["--latency=1"]},
             "status": {"message": "Revision 12e659ae7d serves all traffic.", "stableRevision": "12e659ae7d", "canaryRevision": "34f00d",
                        "servedModel": "chat",
                        "history": [{"revision": "12e659ae7d", "model": "chat-small", "message": "first revision: it serves without a rollout"}],
                        "conditions": [{"type": "Ready", "status": "True", "reason": "Serving", "message": "1 of 1 replicas ready"}]}}
            """;
        var first = KubernetesJson.Deserialize<ModelDeployment>(Json);
        var second = KubernetesJson.Deserialize<ModelDeployment>(Json);

        CachedObjects.Model(first);
        CachedObjects.Model(second);

        Assert.Equal(KubernetesJson.Serialize(KubernetesJson.Deserialize<ModelDeployment>(Json)), KubernetesJson.Serialize(second));
        string?[] Strings(ModelDeployment m) =>
        [
            m.Spec.Model.Name, m.Spec.Model.Revision, m.Spec.Model.ServedName, m.Spec.Image, m.Spec.Args![0],
            m.Status!.Message, m.Status.StableRevision, m.Status.CanaryRevision, m.Status.ServedModel,
            m.Status.History![0].Revision, m.Status.History[0].Model, m.Status.History[0].Message,
            m.Status.Conditions![0].Type, m.Status.Conditions[0].Reason, m.Status.Conditions[0].Message,
        ];
        Assert.All(Strings(first).Zip(Strings(second)), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public void A_models_status_update_holds_the_spec_and_the_unchanged_conditions_and_history_of_the_version_it_replaces()
    {
        var previous = Model("7", generation: 2, uid: "u-1", readyMessage: "0 of 1 replicas ready");
        var next = Model("8", generation: 2, uid: "u-1", readyMessage: "1 of 1 replicas ready");

        CachedObjects.ModelVersion(next, previous);

        Assert.Same(previous.Spec, next.Spec);
        Assert.Same(previous.Status!.History, next.Status!.History);
        Assert.Same(previous.Status.Conditions![0], next.Status.Conditions![0]);
        Assert.NotSame(previous.Status.Conditions[1], next.Status.Conditions[1]);
        Assert.Equal("1 of 1 replicas ready", next.Status.Conditions[1].Message);
        Assert.Equal(Json(Model("8", generation: 2, uid: "u-1", readyMessage: "1 of 1 replicas ready")), Json(next));
    }

    [Fact]
    public void A_new_generation_or_a_recreated_model_keeps_its_own_spec()
    {
        var previous = Model("7", generation: 2, uid: "u-1", readyMessage: "ready");
        var changed = Model("8", generation: 3, uid: "u-1", readyMessage: "ready");
        var recreated = Model("9", generation: 2, uid: "u-2", readyMessage: "ready");

        CachedObjects.ModelVersion(changed, previous);
        CachedObjects.ModelVersion(recreated, previous);

        Assert.NotSame(previous.Spec, changed.Spec);
        Assert.NotSame(previous.Spec, recreated.Spec);
    }

    [Fact]
    public void A_deployments_status_update_holds_the_spec_of_the_version_it_replaces_until_its_generation_moves()
    {
        V1Deployment Deployment(long generation, int ready) => KubernetesJson.Deserialize<V1Deployment>(
            $$$"""
                {"metadata": {"name": "chat-abc", "uid": "u-1", "generation": {{{generation}}}},
                 "spec": {"replicas": 2}, "status": {"readyReplicas": {{{ready}}}}}
                """);
        var previous = Deployment(1, 0);
        var next = Deployment(1, 1);
        var scaled = Deployment(2, 1);

        CachedObjects.DeploymentVersion(next, previous);
        CachedObjects.DeploymentVersion(scaled, next);

        Assert.Same(previous.Spec, next.Spec);
        Assert.NotSame(next.Spec, scaled.Spec);
        Assert.Equal(1, next.Status.ReadyReplicas);
    }

    [Fact]
    public void Deployments_and_services_of_different_models_share_the_parts_that_are_equal()
    {
        V1Deployment Deployment(string name, int ready) => KubernetesJson.Deserialize<V1Deployment>(
            $$$"""
                {"metadata": {"name": "{{{name}}}", "uid": "u-{{{name}}}", "generation": 1},
                 "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "server", "image": "vllm"}]} } },
                 "status": {"replicas": 2, "readyReplicas": {{{ready}}}, "observedGeneration": 1}}
                """);
        V1Service Service(string name, int port) => KubernetesJson.Deserialize<V1Service>(
            $$$"""
                {"metadata": {"name": "{{{name}}}"},
                 "spec": {"selector": {"llmoperator.io/model": "{{{name}}}"}, "ports": [{"name": "http", "port": {{{port}}}, "targetPort": "http"}]}}
                """);
        var (chat, code, starting) = (Deployment("chat-abc", 2), Deployment("code-def", 2), Deployment("mail-123", 1));
        var (chatService, codeService, otherPort) = (Service("chat", 8000), Service("code", 8000), Service("mail", 9000));

        foreach (var deployment in new[] { chat, code, starting })
        {
            CachedObjects.Deployment(deployment);
        }

        foreach (var service in new[] { chatService, codeService, otherPort })
        {
            CachedObjects.Service(service);
        }

        Assert.Same(chat.Spec, code.Spec);
        Assert.Same(chat.Status, code.Status);
        Assert.Same(chat.Spec, starting.Spec);
        Assert.NotSame(chat.Status, starting.Status);
        Assert.Equal(1, starting.Status.ReadyReplicas);
        Assert.Same(chatService.Spec.Ports, codeService.Spec.Ports);
        Assert.NotSame(chatService.Spec.Ports, otherPort.Spec.Ports);
        Assert.Equal(9000, Assert.Single(otherPort.Spec.Ports).Port);
        Assert.Equal("code", codeService.Spec.Selector["llmoperator.io/model"]);
    }

    private static ModelDeployment Model(string resourceVersion, long generation, string uid, string readyMessage) =>
        KubernetesJson.Deserialize<ModelDeployment>($$$"""
            {"apiVersion": "llmoperator.io/v1alpha1", "kind": "ModelDeployment",
             "metadata": {"name": "chat", "namespace": "team", "uid": "{{{uid}}}", "generation": {{{generation}}}, "resourceVersion": "{{{resourceVersion}}}"},
             "spec": {"model": {"name": "chat-small"}, "image": "vllm:0.6"},
             "status": {"phase": "Progressing",
                        "history": [{"revision": "12e659ae7d", "model": "chat-small", "message": "first revision: it serves without a rollout"}],
                        "conditions": [
                          {"type": "Degraded", "status": "False", "reason": "Serving", "lastTransitionTime": "2026-12-05T10:00:00Z"},
                          {"type": "Available", "status": "False", "reason": "Starting", "message": "{{{readyMessage}}}",
                           "lastTransitionTime": "2026-12-05T10:00:00Z"}]}}
            """);

    private static string Json(ModelDeployment model) => KubernetesJson.Serialize(model);
}
