using System.Text.Json.Nodes;
using LlmOperator.Sandbox.Patching;
using static LlmOperator.Sandbox.Tests.Patching.JsonAssert;

namespace LlmOperator.Sandbox.Tests.Patching;

public class ServerSideApplyTests
{
    private static readonly DateTimeOffset T1 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(1);

    private const string Version1 = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"frontend"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                             "spec":{"containers":[{"name":"app","image":"nginx:1.25","ports":[{"containerPort":80}]}]}}}}
        """;

    private static IMergeRules Deployments => BuiltInMergeRules.TryGet("apps/v1", "Deployment", out var rules) ? rules : throw new InvalidOperationException();

    private static ApplyOptions By(string manager, DateTimeOffset now, bool force = false) =>
        new() { FieldManager = manager, ApiVersion = "apps/v1", Now = now, Force = force };

    private static JsonObject Apply(JsonObject? live, string configuration, ApplyOptions options, IMergeRules? rules = null) =>
        ServerSideApply.Apply(live, Parse(configuration), rules ?? Deployments, options);

    [Fact]
    public void Creates_the_object_and_records_what_the_manager_owns()
    {
        var created = Apply(null, Version1, By("kubectl", T1));

        Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"frontend"},
               "managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1",
                 "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{},"f:tier":{}}},
                             "f:spec":{"f:replicas":{},"f:selector":{},
                               "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                                 "f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{},
                                   "f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}}}}]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},
                                 "spec":{"containers":[{"name":"app","image":"nginx:1.25","ports":[{"containerPort":80}]}]}}}}
            """, created);
    }

    [Fact]
    public void Reapplying_without_a_field_removes_it()
    {
        var live = Apply(null, Version1, By("kubectl", T1));
        live["metadata"]!["uid"] = "u-1";
        live["metadata"]!["resourceVersion"] = "7";
        var before = live.ToJsonString();

        var result = Apply(live, """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
             "spec":{"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx:1.26"}]}}}}
            """, By("kubectl", T2));

        Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web"},"uid":"u-1","resourceVersion":"7",
               "managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:05:05Z","fieldsType":"FieldsV1",
                 "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},
                             "f:spec":{"f:selector":{},
                               "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                                 "f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}]},
             "spec":{"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx:1.26"}]}}}}
            """, result);
        Assert.Equal(before, live.ToJsonString());
    }

    [Fact]
    public void A_field_another_manager_also_applied_stays_when_one_drops_it()
    {
        var live = Apply(null, Version1, By("kubectl", T1));
        live = Apply(live, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}""", By("autoscaler", T1));

        var result = Apply(live, """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"frontend"}},
             "spec":{"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},
                                 "spec":{"containers":[{"name":"app","image":"nginx:1.25","ports":[{"containerPort":80}]}]}}}}
            """, By("kubectl", T2));

        // Nothing changed, so kubectl's entry keeps its time.
        Assert.Equal(2, (int)result["spec"]!["replicas"]!);
        Equal("""
            [{"manager":"autoscaler","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}},
             {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{},"f:tier":{}}},
                          "f:spec":{"f:selector":{},
                            "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                              "f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{},
                                "f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}}}}]
            """, result["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Two_managers_conflict_over_a_field()
    {
        var live = Apply(null, Version1, By("kubectl", T1));

        var refusal = Refused(PatchFailure.Conflict, () => Apply(
            live,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}""",
            By("other-manager", T2)));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", refusal.Message);
        Assert.Equal(refusal.Message, refusal.StatusMessage);
        Assert.Equal(409, refusal.StatusCode);
        Assert.Equal("Conflict", refusal.Reason);
        Assert.Equal([new PatchStatusCause("FieldManagerConflict", "conflict with \"kubectl\"", ".spec.replicas")], refusal.Causes);
    }

    [Fact]
    public void Several_conflicts_are_listed_per_manager()
    {
        var live = Apply(null, Version1, By("kubectl", T1));

        var refusal = Refused(PatchFailure.Conflict, () => Apply(live, """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"app","image":"nginx:2"}]}}}}
            """, By("ci", T2)));

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl\":\n- .spec.replicas\n- .spec.template.spec.containers[name=\"app\"].image",
            refusal.Message);
        Assert.Equal(
            [
                new PatchStatusCause("FieldManagerConflict", "conflict with \"kubectl\"", ".spec.replicas"),
                new PatchStatusCause("FieldManagerConflict", "conflict with \"kubectl\"", ".spec.template.spec.containers[name=\"app\"].image"),
            ],
            refusal.Causes);
    }

    [Fact]
    public void Applying_the_same_value_shares_the_field_instead_of_conflicting()
    {
        var live = Apply(null, Version1, By("kubectl", T1));

        var result = Apply(live, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}""", By("ci", T2));

        Equal(live["spec"]!.ToJsonString(), result["spec"]);
        Equal(
            """{"manager":"ci","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}""",
            result["metadata"]!["managedFields"]![0]);
    }

    [Fact]
    public void Force_takes_the_field_over()
    {
        var live = Apply(null, Version1, By("kubectl", T1));

        var result = Apply(live, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}""", By("ci", T2, force: true));

        Assert.Equal(3, (int)result["spec"]!["replicas"]!);
        Equal("""
            [{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{},"f:tier":{}}},
                          "f:spec":{"f:selector":{},
                            "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
                              "f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:name":{},
                                "f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}}}},
             {"manager":"ci","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:05:05Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:spec":{"f:replicas":{}}}}]
            """, result["metadata"]!["managedFields"]);
    }

    [Fact]
    public void A_null_removes_a_field_and_counts_as_a_change()
    {
        var live = Apply(
            null,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web","tier":"frontend"}}}""",
            By("kubectl", T1));
        const string Removal = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"tier":null}}}""";

        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl\": .metadata.labels.tier",
            Refused(PatchFailure.Conflict, () => Apply(live, Removal, By("ci", T2))).Message);
        Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"},"managedFields":[
              {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1",
               "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}}}},
              {"manager":"ci","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:05:05Z","fieldsType":"FieldsV1",
               "fieldsV1":{"f:metadata":{"f:labels":{"f:tier":{}}}}}]}}
            """, Apply(live, Removal, By("ci", T2, force: true)));
    }

    [Fact]
    public void An_update_manager_is_named_with_its_api_version()
    {
        var live = Object("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","managedFields":[
              {"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1","time":"2026-01-01T00:00:00Z",
               "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
             "spec":{"replicas":1}}
            """);

        var refusal = Refused(PatchFailure.Conflict, () => Apply(
            live,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":5}}""",
            By("kubectl", T2)));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", refusal.Message);
    }

    [Fact]
    public void Reapplying_an_unchanged_configuration_keeps_the_time()
    {
        var live = Apply(null, Version1, By("kubectl", T1));

        var result = Apply(live, Version1, By("kubectl", T2));

        Equal(live.ToJsonString(), result);
    }

    [Fact]
    public void Map_lists_of_a_custom_resource_merge_by_their_schema_keys()
    {
        var rules = new SchemaMergeRules(LlmOperator.Manifests.Schema.StructuralSchema.Parse(Object("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "steps":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                       "items":{"type":"object","properties":{"name":{"type":"string"},"weight":{"type":"integer"}}}},
              "tags":{"type":"array","items":{"type":"string"}}}}}}
            """)));
        var options = new ApplyOptions { FieldManager = "a", ApiVersion = "example.com/v1", Now = T1 };
        var live = ServerSideApply.Apply(
            null,
            Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"steps":["""
                + """{"name":"one","weight":10}],"tags":["x"]}}"""),
            rules,
            options);

        var result = ServerSideApply.Apply(
            live,
            Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"steps":[{"name":"two","weight":20}]}}"""),
            rules,
            options with { FieldManager = "b", Now = T2 });

        Equal("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","managedFields":[
              {"manager":"a","operation":"Apply","apiVersion":"example.com/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1",
               "fieldsV1":{"f:spec":{"f:steps":{"k:{\"name\":\"one\"}":{".":{},"f:name":{},"f:weight":{}}},"f:tags":{}}}},
              {"manager":"b","operation":"Apply","apiVersion":"example.com/v1","time":"2026-01-02T03:05:05Z","fieldsType":"FieldsV1",
               "fieldsV1":{"f:spec":{"f:steps":{"k:{\"name\":\"two\"}":{".":{},"f:name":{},"f:weight":{}}}}}}]},
             "spec":{"steps":[{"name":"one","weight":10},{"name":"two","weight":20}],"tags":["x"]}}
            """, result);
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"a\": .spec.tags",
            Refused(PatchFailure.Conflict, () => ServerSideApply.Apply(
                result,
                Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"tags":["y"]}}"""),
                rules,
                options with { FieldManager = "b" })).Message);
    }

    [Fact]
    public void Finalizers_are_a_set_every_manager_adds_to()
    {
        var live = Apply(null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["a.example.com/x"]}}""", By("a", T1));

        var result = Apply(live, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["b.example.com/y"]}}""", By("b", T1));

        Equal("""["a.example.com/x","b.example.com/y"]""", result["metadata"]!["finalizers"]);
        Equal("""{"f:metadata":{"f:finalizers":{"v:\"b.example.com/y\"":{}}}}""", result["metadata"]!["managedFields"]![1]!["fieldsV1"]);
    }

    [Fact]
    public void Ignored_fields_keep_their_live_value_and_are_not_owned()
    {
        var live = Object("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1},"status":{"replicas":1}}""");

        var result = Apply(
            live,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2},"status":{"replicas":9}}""",
            By("kubectl", T1) with { IgnoredFields = ["status"] });

        Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","managedFields":[
              {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1",
               "fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
             "spec":{"replicas":2},"status":{"replicas":1}}
            """, result);
    }

    [Fact]
    public void Applying_to_a_subresource_is_recorded_in_the_entry()
    {
        var live = Object("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}}""");

        var result = Apply(
            live,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"readyReplicas":1}}""",
            By("controller", T1) with { Subresource = "status" });

        Equal(
            """[{"manager":"controller","operation":"Apply","apiVersion":"apps/v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":"""
                + """{"f:status":{"f:readyReplicas":{}}},"subresource":"status"}]""",
            result["metadata"]!["managedFields"]);
    }

    [Theory]
    [InlineData("""["a"]""", "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData(
        """{"apiVersion":"apps/v1beta1","kind":"Deployment","metadata":{"name":"web"}}""",
        "Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1")]
    [InlineData(
        """{"kind":"Deployment","metadata":{"name":"web"}}""",
        "Incorrect version specified in apply patch. Specified patch version: , expected: apps/v1")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","managedFields":[]}}""", "metadata.managedFields must be nil")]
    public void Malformed_configurations_are_bad_requests(string configuration, string message)
    {
        Assert.Equal(message, Refused(PatchFailure.Malformed, () => Apply(null, configuration, By("kubectl", T1))).Message);
    }

    [Theory]
    [InlineData(
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"image":"nginx"}]}}}}""",
        "failed to create typed patch object: .spec.template.spec.containers: element 0: "
            + "associative list with keys has an element that omits key field \"name\" (and doesn't have default value)")]
    [InlineData(
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":["""
            + """{"name":"app"},{"name":"app"}]}}}}""",
        "failed to create typed patch object: .spec.template.spec.containers: duplicate entries for key [name=\"app\"]")]
    [InlineData(
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":["app"]}}}}""",
        "failed to create typed patch object: .spec.template.spec.containers: element 0: associative list with keys may not have non-map elements")]
    public void Configurations_the_kind_cannot_hold_do_not_apply(string configuration, string message)
    {
        Assert.Equal(message, Refused(PatchFailure.NotApplicable, () => Apply(null, configuration, By("kubectl", T1))).Message);
    }
}
