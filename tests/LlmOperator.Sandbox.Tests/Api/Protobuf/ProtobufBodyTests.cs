using System.Text;
using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Api;
using LlmOperator.Sandbox.Api.Protobuf;

namespace LlmOperator.Sandbox.Tests.Api.Protobuf;

/// <summary>Protobuf bodies written by hand, decoded to the JSON Go's encoding/json writes for the same object.</summary>
public class ProtobufBodyTests
{
    private const long NewYear2026 = 1767225600;

    [Fact]
    public void A_deployment_as_kubectl_sends_it_decodes_to_the_json_kubectl_would_send()
    {
        var body = ProtobufWriter.Body("apps/v1", "Deployment", d => d
            .Message(1, m => KubectlMetadata(m, "web").Entry(11, "app", "web"))
            .Message(2, s => s
                .Varint(1, 2)
                .Message(2, l => l.Entry(1, "app", "web"))
                .Message(3, t => t
                    .Message(1, m => KubectlMetadata(m, "").Entry(11, "app", "web"))
                    .Message(2, p => p.Message(2, c => c
                        .String(1, "nginx").String(2, "nginx")
                        .Message(6, port => port.String(1, "").Varint(2, 0).Varint(3, 80).String(4, "").String(5, ""))
                        .Message(8, _ => { })
                        .Varint(16, 0))))
                .Message(4, _ => { })
                .Varint(5, 0)
                .Varint(7, 0))
            .Message(3, _ => { }));

        var json = Decode(body, "apps", "v1", "Deployment");

        AssertJson(
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"resources":{}}]}},
               "strategy":{}},
             "status":{}}
            """,
            json);
    }

    [Fact]
    public void Secret_data_is_bytes_and_reads_back_as_base64_of_exactly_those_bytes()
    {
        byte[] binary = [0x00, 0xff, 0xc3, 0xa9, 0x0a];
        var body = ProtobufWriter.Body("v1", "Secret", s => s
            .Message(1, m => KubectlMetadata(m, "creds"))
            .Message(2, e => e.String(1, "bin").Bytes(2, binary))
            .Message(2, e => e.String(1, "empty").Bytes(2, []))
            .String(3, "Opaque"));

        var json = Decode(body, "", "v1", "Secret");

        Assert.Equal(binary, Convert.FromBase64String(json["data"]!["bin"]!.GetValue<string>()));
        AssertJson("""{"bin":"AP/DqQo=","empty":""}""", json["data"]);
        Assert.Equal("Opaque", json["type"]!.GetValue<string>());
    }

    [Fact]
    public void Times_read_as_RFC3339_to_the_second_micro_times_to_the_microsecond_and_a_zero_time_as_null()
    {
        var body = ProtobufWriter.Body("coordination.k8s.io/v1", "Lease", l => l
            .Message(1, m => m.String(1, "leader").Message(8, t => t.Varint(1, NewYear2026).Varint(2, 5)))
            .Message(2, s => s
                .String(1, "")
                .Varint(2, 15)
                .Message(3, t => t.Varint(1, NewYear2026 + 61).Varint(2, 123_456_789))
                .Message(4, _ => { })
                .Varint(5, 0)));

        var json = Decode(body, "coordination.k8s.io", "v1", "Lease");

        AssertJson(
            """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader","creationTimestamp":"2026-01-01T00:00:00Z"},
             "spec":{"holderIdentity":"","leaseDurationSeconds":15,"acquireTime":"2026-01-01T00:01:01.123456Z","renewTime":null,"leaseTransitions":0}}
            """,
            json);
    }

    [Fact]
    public void Quantities_and_int_or_strings_read_as_their_json_forms()
    {
        var body = ProtobufWriter.Body("v1", "Pod", p => p
            .Message(1, m => m.String(1, "p"))
            .Message(2, s => s.Message(2, c => c
                .String(1, "app")
                .Message(8, r => r
                    .Message(1, e => e.String(1, "cpu").Message(2, q => q.String(1, "500m")))
                    .Message(1, e => e.String(1, "memory").Message(2, q => q.String(1, "1Gi"))))
                .Message(11, probe => probe.Message(1, handler => handler.Message(2, get => get
                    .String(1, "/ready")
                    .Message(2, port => port.Varint(1, 1).Varint(2, 0).String(3, "http"))))))));
        var service = ProtobufWriter.Body("v1", "Service", s => s
            .Message(1, m => m.String(1, "svc"))
            .Message(2, spec => spec.Message(1, port => port
                .String(1, "80-8080").String(2, "TCP").Varint(3, 80)
                .Message(4, target => target.Varint(1, 0).Varint(2, 8080).String(3, ""))
                .Varint(5, 0))));

        var pod = Decode(body, "", "v1", "Pod");
        var json = Decode(service, "", "v1", "Service");

        AssertJson(
            """
            {"name":"app","resources":{"limits":{"cpu":"500m","memory":"1Gi"}},"readinessProbe":{"httpGet":{"path":"/ready","port":"http"}}}
            """,
            pod["spec"]!["containers"]![0]);
        AssertJson("""[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}]""", json["spec"]!["ports"]);
    }

    [Fact]
    public void Empty_values_are_kept_or_dropped_as_Go_keeps_or_drops_them()
    {
        var deployment = ProtobufWriter.Body("apps/v1", "Deployment", d => d
            .Message(1, m => KubectlMetadata(m, "zero"))
            .Message(2, s => s.Varint(1, 0).Varint(5, 0).Varint(7, 0).Varint(9, 0)));
        var role = ProtobufWriter.Body("rbac.authorization.k8s.io/v1", "Role", r => r
            .Message(1, m => m.String(1, "reader"))
            .Message(2, rule => rule.String(2, "").String(3, "pods")));
        var role2 = ProtobufWriter.Body("rbac.authorization.k8s.io/v1", "Role", r => r.Message(1, m => m.String(1, "none")));

        // replicas and progressDeadlineSeconds are pointers (an explicit 0 is kept); minReadySeconds and paused are omitempty values.
        AssertJson("""{"replicas":0,"progressDeadlineSeconds":0}""", Decode(deployment, "apps", "v1", "Deployment")["spec"]);

        // verbs and rules have no omitempty: Go writes null for them when there are none.
        AssertJson("""[{"apiGroups":[""],"resources":["pods"],"verbs":null}]""", Decode(role, "rbac.authorization.k8s.io", "v1", "Role")["rules"]);
        Assert.Null(Decode(role2, "rbac.authorization.k8s.io", "v1", "Role")["rules"]);
        Assert.True(Decode(role2, "rbac.authorization.k8s.io", "v1", "Role").ContainsKey("rules"));
    }

    [Fact]
    public void Fields_of_inlined_structs_and_packed_lists_land_where_the_json_has_them()
    {
        var body = ProtobufWriter.Body("v1", "Pod", p => p
            .Message(1, m => m.String(1, "p"))
            .Message(2, s => s
                .Message(1, v => v.String(1, "cfg").Message(2, source => source.Message(19, cm => cm.Message(1, r => r.String(1, "app")).Varint(3, 420))))
                .Message(2, c => c.String(1, "app").Message(7, env => env
                    .String(1, "TOKEN")
                    .Message(3, from => from.Message(4, key => key.Message(1, r => r.String(1, "creds")).String(2, "token")))))
                .Message(14, security => security.Packed(4, 1000, 2000).Varint(4, 3000))));

        var spec = Decode(body, "", "v1", "Pod")["spec"];

        AssertJson(
            """
            {"volumes":[{"name":"cfg","configMap":{"name":"app","defaultMode":420}}],
             "containers":[{"name":"app","env":[{"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"creds","key":"token"}}}]}],
             "securityContext":{"supplementalGroups":[1000,2000,3000]}}
            """,
            spec);
    }

    [Fact]
    public void A_custom_resource_definition_schema_decodes_its_json_holders()
    {
        var body = ProtobufWriter.Body("apiextensions.k8s.io/v1", "CustomResourceDefinition", crd => crd
            .Message(1, m => m.String(1, "widgets.example.com"))
            .Message(2, spec => spec.String(1, "example.com").Message(7, version => version
                .String(1, "v1").Varint(2, 1).Varint(3, 1)
                .Message(4, validation => validation.Message(1, schema => schema
                    .String(5, "object")
                    .Message(29, e => e.String(1, "tags").Message(2, tags => tags
                        .String(5, "array")
                        .Message(24, items => items.Message(1, item => item.String(5, "string").Message(20, v => v.Bytes(1, "\"a\""u8.ToArray()))))
                        .Message(8, d => d.Bytes(1, """["a"]"""u8.ToArray()))))
                    .Message(30, additional => additional.Varint(1, 0))
                    .Varint(38, 1))))));

        var json = Decode(body, "apiextensions.k8s.io", "v1", "CustomResourceDefinition");

        AssertJson(
            """
            {"type":"object","properties":{"tags":{"type":"array","items":{"type":"string","enum":["a"]},"default":["a"]}},
             "additionalProperties":false,"x-kubernetes-preserve-unknown-fields":true}
            """,
            json["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]);
    }

    [Theory]
    [InlineData("unknown field", "field 99 of k8s.io.api.apps.v1.DeploymentSpec is not one the sandbox knows")]
    [InlineData("truncated", "the data ends 3 bytes early")]
    [InlineData("wrong wire type", "field 1 (replicas) of k8s.io.api.apps.v1.DeploymentSpec has wire type LengthDelimited, not Varint")]
    [InlineData("no magic", "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")]
    [InlineData("another kind", "the protobuf body holds a ConfigMap, where a Deployment was expected")]
    public void A_body_that_is_not_a_well_formed_known_message_is_a_bad_request(string defect, string message)
    {
        var good = ProtobufWriter.Body("apps/v1", "Deployment", d => d.Message(2, s => s.Varint(1, 1)));
        var body = defect switch
        {
            "unknown field" => ProtobufWriter.Body("apps/v1", "Deployment", d => d.Message(2, s => s.Varint(99, 1))),
            "truncated" => good[..^3],
            "wrong wire type" => ProtobufWriter.Body("apps/v1", "Deployment", d => d.Message(2, s => s.String(1, "2"))),
            "no magic" => Encoding.UTF8.GetBytes("""{"kind":"Deployment"}"""),
            _ => ProtobufWriter.Body("v1", "ConfigMap", d => d.Message(1, m => m.String(1, "c"))),
        };

        var error = Assert.Throws<ApiException>(() => Decode(body, "apps", "v1", "Deployment"));

        Assert.Equal(400, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Decode(byte[] body, string group, string version, string kind) =>
        ProtobufBody.Decode(body, ProtobufSchemas.Instance.ForKind(group, version, kind)!, group.Length == 0 ? version : $"{group}/{version}", kind);

    /// <summary>ObjectMeta as kubectl's Go client writes it: every string and number field, empty, and a zero creationTimestamp.</summary>
    private static ProtobufWriter KubectlMetadata(ProtobufWriter m, string name) =>
        m.String(1, name).String(2, "").String(3, "").String(4, "").String(5, "").String(6, "").Varint(7, 0).Message(8, _ => { });

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"got {actual?.ToJsonString()}");
}
