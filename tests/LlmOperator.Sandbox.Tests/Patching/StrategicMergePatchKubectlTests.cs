using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

/// <summary>
/// Patches exactly as kubectl 1.32 sent them for <c>kubectl apply</c> of a changed manifest (captured from a
/// recording server; the last-applied annotation is shortened to "v2").
/// </summary>
public class StrategicMergePatchKubectlTests
{
    private static JsonObject Apply(JsonObject live, string patch)
    {
        Assert.True(BuiltInMergeRules.TryGet((string)live["apiVersion"]!, (string)live["kind"]!, out var rules));
        return StrategicMergePatch.Apply(live, Parse(patch), rules);
    }

    private static JsonObject Deployment(string podSpec, string labels = """{"app":"web"}""") => Object(
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":"""
        + labels
        + ""","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v1"}},"spec":{"replicas":1,"selector":"""
        + """{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":"""
        + podSpec
        + "}}}");

    [Fact]
    public void Container_image_changes()
    {
        var live = Deployment("""{"containers":[{"name":"app","image":"nginx:1.25","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always"}""");

        var result = Apply(live, """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v2"}},
             "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"image":"nginx:1.26","name":"app"}]}}}}
            """);

        var expected = Deployment("""{"containers":[{"name":"app","image":"nginx:1.26","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always"}""");
        expected["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"] = "v2";
        Equal(expected.ToJsonString(), result);
        Equal(
            Deployment("""{"containers":[{"name":"app","image":"nginx:1.25","imagePullPolicy":"IfNotPresent"}]"""
                + ""","restartPolicy":"Always"}""").ToJsonString(),
            live);
    }

    [Fact]
    public void Env_var_is_removed()
    {
        var live = Deployment("""{"containers":[{"name":"app","image":"nginx","env":[{"name":"A","value":"1"},"""
            + """{"name":"B","value":"2"},{"name":"C","value":"3"}]}]}""");

        var result = Apply(live, """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],
             "containers":[{"$setElementOrder/env":[{"name":"A"},{"name":"C"}],"env":[{"$patch":"delete","name":"B"}],"name":"app"}]}}}}
            """);

        Equal(
            Deployment("""{"containers":[{"name":"app","image":"nginx","env":[{"name":"A","value":"1"},"""
                + """{"name":"C","value":"3"}]}]}""").ToJsonString(),
            result);
    }

    [Fact]
    public void Port_is_added()
    {
        var live = Deployment("""{"containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]}]}""");

        var result = Apply(live, """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],
             "containers":[{"$setElementOrder/ports":[{"containerPort":80},{"containerPort":8443}],"name":"app",
                            "ports":[{"containerPort":8443,"name":"https"}]}]}}}}
            """);

        Equal(
            Deployment("""{"containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"},"""
                + """{"containerPort":8443,"name":"https"}]}]}""").ToJsonString(),
            result);
    }

    [Fact]
    public void Label_is_deleted()
    {
        var live = Deployment("""{"containers":[{"name":"app","image":"nginx"}]}""", labels: """{"app":"web","tier":"frontend"}""");

        var result = Apply(live, """{"metadata":{"annotations":{},"labels":{"tier":null}}}""");

        Equal(Deployment("""{"containers":[{"name":"app","image":"nginx"}]}""").ToJsonString(), result);
    }

    [Fact]
    public void Set_element_order_reorders_a_list_the_patch_does_not_otherwise_change()
    {
        var live = Deployment("""{"containers":[{"name":"a","image":"a","tty":true},{"name":"b","image":"b"},{"name":"c","image":"c"}]}""");

        var result = Apply(live, """{"metadata":{"annotations":{}},"spec":{"template":{"spec":{"$setElementOrder/containers":["""
            + """{"name":"c"},{"name":"a"},{"name":"b"}]}}}}""");

        Equal(Deployment("""{"containers":[{"name":"c","image":"c"},{"name":"a","image":"a","tty":true},{"name":"b","image":"b"}]}""").ToJsonString(), result);
    }

    [Fact]
    public void Container_is_deleted_with_patch_delete()
    {
        var live = Deployment("""{"containers":[{"name":"app","image":"nginx"},{"name":"sidecar","image":"busybox"}]}""");

        var result = Apply(live, """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":["""
            + """{"$patch":"delete","name":"sidecar"}]}}}}""");

        Equal(Deployment("""{"containers":[{"name":"app","image":"nginx"}]}""").ToJsonString(), result);
    }

    [Fact]
    public void Retain_keys_clears_the_other_member_of_the_deployment_strategy()
    {
        var live = Deployment("""{"containers":[{"name":"app","image":"nginx"}]}""");
        live["spec"]!["strategy"] = new JsonObject
        {
            ["type"] = "RollingUpdate",
            ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = "25%" },
        };

        var result = Apply(live, """{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}""");

        Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]);
    }

    [Fact]
    public void Retain_keys_switches_a_volume_source()
    {
        var live = Deployment("""{"containers":[{"name":"app","image":"nginx"}],"volumes":[{"name":"data","emptyDir":{}},{"name":"tmp","emptyDir":{}}]}""");

        var result = Apply(live, """
            {"spec":{"template":{"spec":{"$setElementOrder/volumes":[{"name":"data"},{"name":"tmp"}],
             "volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"emptyDir":null,"name":"data"}]}}}}
            """);

        Equal("""[{"name":"data","configMap":{"name":"cfg"}},{"name":"tmp","emptyDir":{}}]""", result["spec"]!["template"]!["spec"]!["volumes"]);
    }

    [Fact]
    public void Finalizers_merge_as_a_set_with_a_deletion_list()
    {
        var live = Object("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fin","finalizers":"""
            + """["example.com/a","example.com/b"]},"data":{"k":"v"}}""");

        var result = Apply(live, """
            {"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/a"],"$setElementOrder/finalizers":["example.com/b","example.com/c"],
             "annotations":{},"finalizers":["example.com/c"]}}
            """);

        Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fin","finalizers":["example.com/b","example.com/c"]"""
                + ""","annotations":{}},"data":{"k":"v"}}""",
            result);
    }

    [Fact]
    public void Service_ports_merge_by_port()
    {
        var live = Object("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},"spec":{"selector":{"app":"web"}"""
            + ""","clusterIP":"10.0.0.7","ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}]}}""");

        var result = Apply(live, """
            {"spec":{"$setElementOrder/ports":[{"port":80},{"port":443}],"ports":[{"port":80,"targetPort":8081},{"name":"https","port":443,"targetPort":8443}]}}
            """);

        Equal(
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},"spec":{"selector":{"app":"web"}"""
                + ""","clusterIP":"10.0.0.7","ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8081},"""
                + """{"name":"https","port":443,"targetPort":8443}]}}""",
            result);
    }

    [Fact]
    public void Several_changes_at_once_with_a_reorder()
    {
        var live = Deployment(
            """{"containers":[{"name":"app","image":"nginx:1.25","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}"""
                + """,{"name":"B","value":"2"}]},{"name":"sidecar","image":"busybox:1.36"}]}""",
            labels: """{"app":"web","tier":"frontend"}""");

        var result = Apply(live, """
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v2"},"labels":{"tier":null}},
             "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
              "containers":[{"$setElementOrder/env":[{"name":"A"}],"$setElementOrder/ports":[{"containerPort":80},{"containerPort":443}],
                             "env":[{"$patch":"delete","name":"B"}],"image":"nginx:1.26","name":"app","ports":[{"containerPort":443}]}]}}}}
            """);

        var expected = Deployment("""{"containers":[{"name":"sidecar","image":"busybox:1.36"},"""
            + """{"name":"app","image":"nginx:1.26","ports":[{"containerPort":80},{"containerPort":443}],"env":["""
            + """{"name":"A","value":"1"}]}]}""");
        expected["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"] = "v2";
        Equal(expected.ToJsonString(), result);
    }
}
